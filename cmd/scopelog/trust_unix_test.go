//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostileDir is a directory name that another user could make, to clear
// the operator's screen, set the terminal's title and forge a line.
const hostileDir = "\x1b[2J\x1b]0;owned\a\nFAKE: all good"

// TestCheckEscapesPaths: the refusal of a file in a directory with terminal
// escapes and a newline in its name reaches stderr escaped, on one line.
func TestCheckEscapesPaths(t *testing.T) {
	f := writeIn(t, filepath.Join(t.TempDir(), hostileDir), "components", "db\n", 0o644)
	good := runCmd("check", f)
	good.want(t, exitOK)
	checkOneSafeLine(t, "check stdout", good.stdout, 500)
	if err := os.Chmod(f, 0o666); err != nil {
		t.Fatal(err)
	}
	r := runCmd("check", f)
	r.want(t, exitFailure)
	checkOneSafeLine(t, "check", r.stderr, 500)
	if want := `\x1b[2J\x1b]0;owned\a\nFAKE: all good/components": registry: world-writable file refused`; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	unchanged(t, f, `\nFAKE: all good/components": registry: world-writable file refused`, "set", "-file", f, "http")
}

// TestSetFileUnsafeDirectory: set -file refuses, with the registry's
// message, to edit or create a file in a directory the process would
// refuse: writable by everyone without the sticky bit.
func TestSetFileUnsafeDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(dir, "components")
	r := runCmd("set", "-file", f, "-for", "0", "db")
	r.want(t, exitFailure)
	if want := "scopelog set: " + f + ": registry: file in an unsafe directory refused: the directory " + dir + " on its path is world-writable without the sticky bit"; !strings.HasPrefix(r.stderr, want) {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	if names, _ := filepath.Glob(filepath.Join(dir, "*")); len(names) != 0 {
		t.Errorf("files left: %q", names)
	}
	if err := os.WriteFile(f, []byte("db\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	unchanged(t, f, "file in an unsafe directory refused", "set", "-file", f, "-for", "0", "http")
	unchanged(t, f, "file in an unsafe directory refused", "unset", "-file", f, "db")
}

// TestSetFileOtherOwners: as root, set -file refuses a file, or a directory,
// that another user owns, unless that user is trusted with -trusted-owners,
// as the process would be told with registry.WithTrustedOwners.
func TestSetFileOtherOwners(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give a directory to another user")
	}
	const uid = 4242
	dir := filepath.Join(t.TempDir(), "conf")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(dir, "components")
	if err := os.WriteFile(f, []byte("db\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(dir, uid, uid); err != nil {
		t.Fatal(err)
	}
	unchanged(t, f, "file in an unsafe directory refused: the directory "+dir+" on its path is owned by uid 4242", "set", "-file", f, "http")
	if r := runCmd("set", "-file", f, "http"); !strings.HasSuffix(r.stderr, "(if the process runs as that user, give its uid to -trusted-owners)\n") {
		t.Errorf("stderr %q, want the hint", r.stderr)
	}
	runCmd("set", "-file", f, "-for", "0", "-trusted-owners", "4242", "http").want(t, exitOK)
	if got := read(t, f); got != "db\nhttp=debug\n" {
		t.Errorf("file %q", got)
	}
}
