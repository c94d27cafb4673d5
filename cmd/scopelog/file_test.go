package main

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/scopelog/scopelog/registry"
)

const commented = "# components of myapp\n" +
	"db=info        # the pool is noisy\n" +
	"\n" +
	"saas.client=info  # ticket 4711\n"

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSetFile(t *testing.T) {
	now := time.Date(2026, 11, 26, 14, 45, 0, 300, time.UTC)
	f := write(t, "components", commented, 0o640)

	r := runAt(now, "set", "-file", f, "saas.client", "-for", "15m")
	r.want(t, exitOK)
	// 15m from now, rounded up to the second: the rule lasts at least 15m.
	want := strings.Replace(commented, "saas.client=info  #", "saas.client=debug until=2026-11-26T15:00:01Z  #", 1)
	if got := read(t, f); got != want {
		t.Errorf("file\n%s\nwant\n%s", got, want)
	}
	if want := f + ":4: saas.client=debug until=2026-11-26T15:00:01Z\nno -pid or -pidfile: the process applies the change at its next reload\n"; r.stdout != want {
		t.Errorf("stdout %q, want %q", r.stdout, want)
	}

	// A new pattern is appended; -until is absolute; the level is kept.
	r = runAt(now, "set", "-file", f, "-until", "2026-11-26T16:00:00+01:00", "http.*=warn")
	r.want(t, exitOK)
	want += "http.*=warn until=2026-11-26T15:00:00Z\n"
	if got := read(t, f); got != want {
		t.Errorf("file\n%s\nwant\n%s", got, want)
	}

	// -for 0: no expiry.
	runAt(now, "set", "-file", f, "-for", "0", "db=error").want(t, exitOK)
	want = strings.Replace(want, "db=info", "db=error", 1)
	if got := read(t, f); got != want {
		t.Errorf("file\n%s\nwant\n%s", got, want)
	}

	if fi, err := os.Stat(f); err != nil || runtime.GOOS != "windows" && fi.Mode().Perm() != 0o640 {
		t.Errorf("mode after the rewrites: %v, %v; want 0640", fi.Mode(), err)
	}
	if names, _ := filepath.Glob(filepath.Join(filepath.Dir(f), "*")); len(names) != 1 {
		t.Errorf("files left in the directory: %q", names)
	}
}

func TestSetFileCreates(t *testing.T) {
	f := filepath.Join(t.TempDir(), "components")
	runCmd("set", "-file", f, "-for", "0", "db").want(t, exitOK)
	if got := read(t, f); got != "db=debug\n" {
		t.Errorf("file %q", got)
	}
}

func TestUnsetFile(t *testing.T) {
	f := write(t, "components", commented, 0o644)
	r := runCmd("unset", "-file", f, "saas.client")
	r.want(t, exitOK)
	if got, want := read(t, f), strings.Replace(commented, "saas.client=info  # ticket 4711\n", "", 1); got != want {
		t.Errorf("file\n%s\nwant\n%s", got, want)
	}
	r = runCmd("unset", "-file", f, "saas.client")
	r.want(t, exitFailure)
	if want := "scopelog unset: " + f + `: registry: no rule with this pattern: "saas.client"` + "\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
}

// unchanged runs the command, which must fail with stderr containing msg,
// and checks that the file is as it was, byte for byte, with nothing left
// beside it.
func unchanged(t *testing.T, f string, msg string, args ...string) {
	t.Helper()
	before := read(t, f)
	r := runCmd(args...)
	r.want(t, exitFailure)
	if !strings.Contains(r.stderr, msg) || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("stderr %q, want one line containing %q", r.stderr, msg)
	}
	if got := read(t, f); got != before {
		t.Errorf("file changed:\n%s\nwas\n%s", got, before)
	}
	if names, _ := os.ReadDir(filepath.Dir(f)); len(names) != 1 {
		t.Errorf("files left in the directory: %q", names)
	}
}

func TestSetFileRefuses(t *testing.T) {
	f := write(t, "components", commented, 0o644)
	unchanged(t, f, `scopelog set: invalid rule "saas.client=verbose": column 13: unknown level "verbose"`, "set", "-file", f, "saas.client=verbose")
	unchanged(t, f, `scopelog set: invalid rule "Saas.client": column 1: invalid character 'S'`, "set", "-file", f, "Saas.client")
	unchanged(t, f, `scopelog set: invalid rule "db # x": expected PATTERN or PATTERN=LEVEL`, "set", "-file", f, "db # x")
	unchanged(t, f, `scopelog set: -until "2001-01-01T00:00:00Z" is in the past`, "set", "-file", f, "-until", "2001-01-01T00:00:00Z", "db")

	bad := write(t, "components", "db\nsaas.client=verbose\n", 0o644)
	unchanged(t, bad, "scopelog set: "+bad+`:2:13: unknown level "verbose"`, "set", "-file", bad, "db")
	unchanged(t, bad, "scopelog unset: "+bad+`:2:13: unknown level "verbose"`, "unset", "-file", bad, "db")
}

func TestSetFileRefusesWorldWritable(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no world-writable files on Windows")
	}
	f := write(t, "components", commented, 0o666)
	unchanged(t, f, "world-writable file refused", "set", "-file", f, "db")
}

// TestInterruptedRewrite fails the write of the new content half way: the
// old file must stay as it was, and the temporary file must go.
func TestInterruptedRewrite(t *testing.T) {
	f := write(t, "components", commented, 0o644)
	defer func(w func(*os.File, []byte) error) { writeTemp = w }(writeTemp)
	writeTemp = func(tmp *os.File, data []byte) error {
		if _, err := tmp.Write(data[:len(data)/2]); err != nil {
			return err
		}
		return errors.New("no space left on device (injected)")
	}
	unchanged(t, f, "no space left on device (injected)", "set", "-file", f, "saas.client")
	unchanged(t, f, "no space left on device (injected)", "unset", "-file", f, "db")
}

func TestSetFileSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	target := write(t, "components", "db\n", 0o644)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	runCmd("set", "-file", link, "-for", "0", "http").want(t, exitOK)
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
	}
	if got := read(t, target); got != "db\nhttp=debug\n" {
		t.Errorf("target %q", got)
	}
}

func TestSignalErrors(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no signals on Windows")
	}
	f := write(t, "components", "", 0o644)
	// A pidfile that does not name a process is read before the edit: the
	// file stays as it was.
	pidfile := write(t, "pid", "not a pid\n", 0o644)
	unchanged(t, f, `scopelog set: nothing changed: `+pidfile+`: expected a process id, found "not a pid"`, "set", "-file", f, "-pidfile", pidfile, "db")
	unchanged(t, f, "scopelog set: nothing changed: open "+filepath.Dir(pidfile)+"/none: no such file", "set", "-file", f, "-pidfile", filepath.Join(filepath.Dir(pidfile), "none"), "db")
	// A pid far above any pid_max: the file was changed.
	r := runCmd("set", "-file", f, "-pid", "2000000000", "db")
	r.want(t, exitFailure)
	if want := "scopelog set: the file was changed, but process 2000000000 not found\n"; r.stderr != want {
		t.Errorf("stderr %q", r.stderr)
	}
}

// TestPidfileBounded: the command reads at most 64 bytes of a pidfile, and
// prints none of a long one, nor the escapes of a short one.
func TestPidfileBounded(t *testing.T) {
	f := write(t, "components", "", 0o644)
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge")
	if err := os.WriteFile(huge, []byte(strings.Repeat("1234567890", 10<<20)), 0o644); err != nil {
		t.Fatal(err)
	}
	unchanged(t, f, "scopelog set: nothing changed: "+huge+": expected a process id, found more than 64 bytes", "set", "-file", f, "-pidfile", huge, "db")
	hostile := filepath.Join(dir, "hostile")
	if err := os.WriteFile(hostile, []byte("\x1b]0;pwned\a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	unchanged(t, f, `found "\x1b]0;pwned\a"`, "set", "-file", f, "-pidfile", hostile, "db")
	// 64 bytes with a pid in them are fine.
	exact := filepath.Join(dir, "exact")
	if err := os.WriteFile(exact, []byte(strings.Repeat(" ", 50)+"2000000000\n   "), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCmd("set", "-file", f, "-pidfile", exact, "db")
	if r.stderr != "scopelog set: the file was changed, but process 2000000000 not found\n" {
		t.Errorf("stderr %q", r.stderr)
	}
}

// TestSetFileForLastsAtLeast: -for in file mode rounds the until up to the
// second, so the rule lasts at least what was asked; rounding down made a
// rule for 1s last 1 ms at .999.
func TestSetFileForLastsAtLeast(t *testing.T) {
	f := write(t, "components", "", 0o644)
	for _, ns := range []int{0, 1, 999_000_000, 999_999_999} {
		now := time.Date(2026, 11, 26, 14, 45, 0, ns, time.UTC)
		runAt(now, "set", "-file", f, "-for", "1s", "db").want(t, exitOK)
		rules, err := registry.ReadFile(f)
		if err != nil || len(rules) != 1 {
			t.Fatalf("rules %v, %v", rules, err)
		}
		if u := rules[0].Until; u.Before(now.Add(time.Second)) || u.After(now.Add(2*time.Second)) || u.Nanosecond() != 0 {
			t.Errorf("at %v, -for 1s wrote until=%v: want whole seconds within [now+1s, now+2s]", now, u)
		}
	}
}
