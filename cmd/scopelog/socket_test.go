//go:build linux || darwin || freebsd

package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// isolate gives the test, and the processes it starts, directories of
// their own for admin sockets, empty.
// Their names are short: a socket's path has a limit, about 100 bytes.
func isolate(t *testing.T) {
	t.Helper()
	base, err := os.MkdirTemp("", "i")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	for _, v := range []struct{ env, dir string }{{"XDG_RUNTIME_DIR", "run"}, {"TMPDIR", "tmp"}} {
		dir := filepath.Join(base, v.dir)
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		t.Setenv(v.env, dir)
	}
}

var (
	openerOnce sync.Once
	openerBin  string
)

// opener returns the program of testdata/opener, built once for all the
// tests, in the temporary directory of the test binary (see TestMain), which
// outlives each test's: call it before isolate.
func opener(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a program")
	}
	openerOnce.Do(func() {
		dir, err := os.MkdirTemp("", "opener")
		if err != nil {
			t.Fatal(err)
		}
		args := []string{"build", "-o", filepath.Join(dir, "opener")}
		if raceEnabled {
			args = append(args, "-race")
		}
		if out, err := exec.Command("go", append(args, "./testdata/opener")...).CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		openerBin = filepath.Join(dir, "opener")
	})
	if openerBin == "" {
		t.Fatal("testdata/opener did not build")
	}
	return openerBin
}

// startOpener runs bin, a copy of opener, with the components file file
// and the components names, waits until it serves its socket, and returns
// its pid. It stops when the test ends, and must then exit cleanly.
func startOpener(t *testing.T, bin, file string, names ...string) int {
	t.Helper()
	cmd := exec.Command(bin, append([]string{file}, names...)...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		if err := cmd.Wait(); err != nil {
			t.Errorf("opener %d: %v\n%s", cmd.Process.Pid, err, stderr.String())
		}
	})
	// The line comes once Open has returned, or never if the process ends.
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "ready\n" {
		cmd.Process.Kill()
		t.Fatalf("opener: %q\n%s", line, stderr.String())
	}
	return cmd.Process.Pid
}

// With no process serving a socket, a command with no target has none: the
// usage, as with no target at all.
func TestDiscoveryNone(t *testing.T) {
	isolate(t)
	for _, args := range [][]string{{"list"}, {"set", "db"}, {"unset", "db"}, {"flush", "*"}} {
		r := runCmd(args...)
		r.want(t, exitUsage)
		if !strings.Contains(r.stderr, "no process serves an admin socket to use by default") {
			t.Errorf("%q: stderr %s", args, r.stderr)
		}
	}
	r := runCmd("list", "-pid", strconv.Itoa(os.Getpid()))
	r.want(t, exitFailure)
	if want := fmt.Sprintf("scopelog list: process %d serves no admin socket", os.Getpid()); !strings.HasPrefix(r.stderr, want) {
		t.Errorf("-pid of a process with no socket: stderr %q, want %q...", r.stderr, want)
	}
}

// With one, every command uses it with no flag; -pid and -pidfile name it
// too.
func TestDiscoveryOne(t *testing.T) {
	bin := opener(t)
	isolate(t)
	file := filepath.Join(t.TempDir(), "components")
	pid := startOpener(t, bin, file, "db", "db.pool")

	r := runCmd("list")
	r.want(t, exitOK)
	if !regexp.MustCompile(`(?m)^NAME +LEVEL +RULE +EXPIRES +WRITTEN\ndb +info +- +- +0/0\ndb\.pool +info +- +- +0/0\nscopelog +info`).MatchString(r.stdout) {
		t.Errorf("list:\n%s", r.stdout)
	}
	r = runCmd("set", "db", "-for", "1m")
	r.want(t, exitOK)
	if !strings.HasPrefix(r.stdout, "override db=debug until ") || !strings.Contains(r.stdout, "db.pool  info→debug  override") {
		t.Errorf("set:\n%s", r.stdout)
	}
	pidfile := filepath.Join(t.TempDir(), "pid")
	if err := os.WriteFile(pidfile, []byte(strconv.Itoa(pid)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"list", "-pid", strconv.Itoa(pid)}, {"list", "-pidfile", pidfile}} {
		r = runCmd(args...)
		r.want(t, exitOK)
		if !regexp.MustCompile(`(?m)^OVERRIDE +LEVEL +UNTIL\ndb +debug `).MatchString(r.stdout) {
			t.Errorf("%q:\n%s", args, r.stdout)
		}
	}
	runCmd("flush", "*").want(t, exitOK)
	r = runCmd("unset", "db")
	r.want(t, exitOK)
	if !strings.HasPrefix(r.stdout, "override db cleared\n") {
		t.Errorf("unset:\n%s", r.stdout)
	}
}

// With three, list shows a line each, and the others ask which: they fail
// with the usage, listing them, until -pid names one.
func TestDiscoveryThree(t *testing.T) {
	bin := opener(t)
	isolate(t)
	file := filepath.Join(t.TempDir(), "components")
	var pids []int
	for i := range 3 {
		var names []string
		for j := range i + 1 {
			names = append(names, "c"+strconv.Itoa(j))
		}
		pids = append(pids, startOpener(t, bin, file, names...))
	}
	// want is list's table: each process with the registry's own
	// component and its 1, 2 or 3, and an override in the one overridden.
	components := map[int]int{pids[0]: 2, pids[1]: 3, pids[2]: 4}
	want := func(overridden int) string {
		lines := []string{`PID +PROGRAM +COMPONENTS +OVERRIDES`}
		for _, pid := range slices.Sorted(slices.Values(pids)) {
			o := 0
			if pid == overridden {
				o = 1
			}
			lines = append(lines, fmt.Sprintf(`%d +opener +%d +%d`, pid, components[pid], o))
		}
		return "^" + strings.Join(lines, `\n`) + `\n$`
	}
	r := runCmd("list")
	r.want(t, exitOK)
	if !regexp.MustCompile(want(0)).MatchString(r.stdout) {
		t.Errorf("list:\n%s\nwant\n%s", r.stdout, want(0))
	}

	r = runCmd("set", "c0", "-for", "1m")
	r.want(t, exitUsage)
	for _, pid := range pids {
		if !strings.Contains(r.stderr, "\n"+strconv.Itoa(pid)+" ") {
			t.Errorf("set with three: stderr does not list %d:\n%s", pid, r.stderr)
		}
	}
	if !strings.Contains(r.stderr, "scopelog set: 3 processes serve an admin socket: give -pid") {
		t.Errorf("set with three: stderr\n%s", r.stderr)
	}
	// The table ends the message: no usage buries it.
	if strings.Contains(r.stderr, "Flags:") || !strings.HasSuffix(r.stderr, "(scopelog set -h for its usage)\n") {
		t.Errorf("set with three: the usage follows the table:\n%s", r.stderr)
	}

	runCmd("set", "-pid", strconv.Itoa(pids[1]), "c0", "-for", "1m").want(t, exitOK)
	r = runCmd("list")
	r.want(t, exitOK)
	if !regexp.MustCompile(want(pids[1])).MatchString(r.stdout) {
		t.Errorf("list after set -pid %d:\n%s\nwant\n%s", pids[1], r.stdout, want(pids[1]))
	}
}

// A program's name comes from the process: list prints it escaped, so that
// a name made to act on a terminal cannot.
func TestDiscoveryEscapesProgram(t *testing.T) {
	bin := opener(t)
	isolate(t)
	b, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	evil := filepath.Join(t.TempDir(), "evil\x1b]0;owned\x07\x1b[2J")
	if err := os.WriteFile(evil, b, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "components")
	startOpener(t, evil, file)
	startOpener(t, bin, file)
	r := runCmd("list")
	r.want(t, exitOK)
	if strings.ContainsAny(r.stdout, "\x1b\x07") || !strings.Contains(r.stdout, `evil\x1b]0;owned\a\x1b[2J`) {
		t.Errorf("list printed the program's name unescaped:\n%q", r.stdout)
	}
}
