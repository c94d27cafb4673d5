package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// build compiles the command into a temporary directory.
func build(t *testing.T) string {
	t.Helper()
	return buildPkg(t, ".", "scopelog")
}

// buildPkg compiles the main package pkg into a temporary directory, as
// name.
func buildPkg(t *testing.T, pkg, name string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a program")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command on PATH: %v", err)
	}
	bin := filepath.Join(t.TempDir(), name)
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	args := []string{"build", "-o", bin}
	if raceEnabled {
		args = append(args, "-race")
	}
	if out, err := exec.Command(goCmd, append(args, pkg)...).CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// exec runs the built command and returns its exit code and output.
func execBin(t *testing.T, bin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := errors.AsType[*exec.ExitError](err); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, out.String(), errOut.String()}
}

// TestBinary runs the real command: the exit codes and messages a script or
// CI job sees.
func TestBinary(t *testing.T) {
	bin := build(t)
	dir := t.TempDir()
	valid := filepath.Join(dir, "valid")
	invalid := filepath.Join(dir, "invalid")
	open := filepath.Join(dir, "open")
	for path, content := range map[string]string{
		valid:   "# quiet by default\n*=warn\nsaas.client until=2026-11-26T15:00:00Z\n",
		invalid: "db\nsaas.client=verbose\nhttp..api\n",
		open:    "db\n",
	} {
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	r := execBin(t, bin, "check", valid)
	r.want(t, exitOK)
	if want := valid + ": 2 rules, 1 with until=\n"; r.stdout != want || r.stderr != "" {
		t.Errorf("check valid: stdout %q, stderr %q", r.stdout, r.stderr)
	}

	r = execBin(t, bin, "check", invalid, valid)
	r.want(t, exitFailure)
	if want := invalid + `:2:13: unknown level "verbose": expected debug, info, warn, error, dpanic, panic or fatal` + "\n"; r.stderr != want {
		t.Errorf("check invalid: stderr %q, want %q", r.stderr, want)
	}
	if want := valid + ": 2 rules, 1 with until=\n"; r.stdout != want {
		t.Errorf("check invalid: stdout %q", r.stdout)
	}

	if runtime.GOOS != "windows" {
		if err := os.Chmod(open, 0o666); err != nil {
			t.Fatal(err)
		}
		r = execBin(t, bin, "check", open)
		r.want(t, exitFailure)
		if want := open + ": registry: world-writable file refused: anyone on this machine could change log levels (chmod o-w) (mode -rw-rw-rw-)\n"; r.stderr != want {
			t.Errorf("check world-writable: stderr %q, want %q", r.stderr, want)
		}
		before, _ := os.ReadFile(open)
		r = execBin(t, bin, "set", "-file", open, "http")
		r.want(t, exitFailure)
		if after, _ := os.ReadFile(open); !bytes.Equal(before, after) || !strings.Contains(r.stderr, "world-writable file refused") {
			t.Errorf("set on a world-writable file: stderr %q, file %q", r.stderr, after)
		}
	}

	for _, args := range [][]string{{}, {"nope"}, {"set", "db"}, {"check"}, {"list"}, {"set", "-file", valid, "-for", "x", "db"}} {
		r = execBin(t, bin, args...)
		r.want(t, exitUsage)
		if !strings.Contains(r.stderr, "usage: scopelog") || r.stdout != "" {
			t.Errorf("%q: stdout %q, stderr %q", args, r.stdout, r.stderr)
		}
	}
	execBin(t, bin, "set", "-h").want(t, exitOK)
}
