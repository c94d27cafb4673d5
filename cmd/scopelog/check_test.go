package main

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// write creates a file in a temporary directory and returns its path.
func write(t *testing.T, name, content string, perm os.FileMode) string {
	t.Helper()
	return writeIn(t, t.TempDir(), name, content, perm)
}

// writeIn creates a file in dir, and the directory if need be (mode 0755),
// and returns its path.
func writeIn(t *testing.T, dir, name, content string, perm os.FileMode) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), perm); err != nil {
		t.Fatal(err)
	}
	// WriteFile's mode passes through the umask.
	if err := os.Chmod(path, perm); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCheckValid(t *testing.T) {
	a := write(t, "a", "# quiet by default\n*=warn\nsaas.client\ndb.*=info\n", 0o644)
	b := write(t, "b", "", 0o644)
	r := runCmd("check", a, b)
	r.want(t, exitOK)
	if want := a + ": 3 rules, 0 with until=\n" + b + ": 0 rules, 0 with until=\n"; r.stdout != want || r.stderr != "" {
		t.Errorf("stdout %q, stderr %q; want stdout %q", r.stdout, r.stderr, want)
	}
}

func TestCheckInvalid(t *testing.T) {
	good := write(t, "good", "db\n", 0o644)
	bad := write(t, "bad", "db\n\nsaas.client=verbose\n", 0o644)
	bad2 := write(t, "bad2", "http.*retry\n", 0o644)
	missing := filepath.Join(t.TempDir(), "missing")
	r := runCmd("check", bad, good, bad2, missing)
	r.want(t, exitFailure)
	if want := good + ": 1 rule, 0 with until=\n"; r.stdout != want {
		t.Errorf("stdout %q, want %q", r.stdout, want)
	}
	want := bad + `:3:13: unknown level "verbose": expected debug, info, warn, error, dpanic, panic or fatal` + "\n" +
		bad2 + `:1:6: '*' in pattern "http.*retry" must be a whole segment, as in db.*.conn` + "\n" +
		missing + ": no such file\n"
	if r.stderr != want {
		t.Errorf("stderr\n%s\nwant\n%s", r.stderr, want)
	}
}

func TestCheckWorldWritable(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no world-writable files on Windows")
	}
	f := write(t, "components", "db\n", 0o666)
	r := runCmd("check", f)
	r.want(t, exitFailure)
	if want := f + ": registry: world-writable file refused: anyone on this machine could change log levels (chmod o-w) (mode -rw-rw-rw-)\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
}

func TestCheckComponents(t *testing.T) {
	f := write(t, "components", "db.pool\nsaas.clinet\nhttp.*.retry=warn\nnothing.like.it\n", 0o644)
	r := runCmd("check", "-components", "db,db.pool,saas.client, http.api.retry", f)
	r.want(t, exitFailure)
	want := f + ":2: no component matches saas.clinet; did you mean saas.client?\n" +
		f + ":4: no component matches nothing.like.it\n"
	if r.stderr != want {
		t.Errorf("stderr\n%s\nwant\n%s", r.stderr, want)
	}
	if want := f + ": 4 rules, 0 with until=\n"; r.stdout != want {
		t.Errorf("stdout %q", r.stdout)
	}
	ok := write(t, "ok", "db.pool\n", 0o644)
	runCmd("check", "-components", "db,db.pool", ok).want(t, exitOK)
}
