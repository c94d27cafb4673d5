//go:build linux || darwin || freebsd

package adminsock

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Find lists the processes that serve a socket in this user's directories,
// in both places, and skips sockets nothing listens on.
func TestFind(t *testing.T) {
	xdg, tmp := isolate(t)
	if procs, problems := Find(); len(procs) != 0 || len(problems) != 0 {
		t.Fatalf("with no directory: %v, %v", procs, problems)
	}
	ln, err := Listen("")
	if err != nil {
		t.Fatal(err)
	}
	s := Serve(ln, okHandler(), nil)
	defer s.Close()
	// A service started without XDG_RUNTIME_DIR, in the temporary directory.
	tmpDir := filepath.Join(tmp, "scopelog-"+strconv.Itoa(os.Geteuid()))
	mkdir(t, tmpDir, 0o700)
	other := filepath.Join(tmpDir, "1.sock") // pid 1: alive, and it is not ours
	ln2, err := Listen(other)
	if err != nil {
		t.Fatal(err)
	}
	s2 := Serve(ln2, okHandler(), nil)
	defer s2.Close()
	leftover(t, filepath.Join(xdg, "scopelog", strconv.Itoa(deadPid(t))+".sock"))

	procs, problems := Find()
	if len(problems) != 0 {
		t.Errorf("problems: %v", problems)
	}
	want := []Proc{{1, other}, {os.Getpid(), s.Path()}}
	if len(procs) != 2 || procs[0] != want[0] || procs[1] != want[1] {
		t.Errorf("Find = %v, want %v", procs, want)
	}
	if p, err := Socket(os.Getpid()); err != nil || p != s.Path() {
		t.Errorf("Socket(own pid) = %q, %v", p, err)
	}
	if _, err := Socket(deadPid(t)); err == nil || !strings.Contains(err.Error(), "no such process") {
		t.Errorf("Socket(a dead pid) = %v", err)
	}
	if _, err := Socket(os.Getppid()); err == nil || !strings.Contains(err.Error(), "serves no admin socket") {
		t.Errorf("Socket(a pid with no socket) = %v", err)
	}
}

// A directory another user could have planted is skipped, and reported.
func TestFindSkipsUntrustedDirectory(t *testing.T) {
	_, tmp := isolate(t)
	t.Setenv("XDG_RUNTIME_DIR", "")
	d := filepath.Join(tmp, "scopelog-"+strconv.Itoa(os.Geteuid()))
	mkdir(t, d, 0o700)
	ln, err := Listen(filepath.Join(d, "1.sock"))
	if err != nil {
		t.Fatal(err)
	}
	s := Serve(ln, okHandler(), nil)
	defer s.Close()
	if err := os.Chmod(d, 0o755); err != nil {
		t.Fatal(err)
	}
	procs, problems := Find()
	if len(procs) != 0 || len(problems) != 1 || !strings.Contains(problems[0].Error(), "not 0700") {
		t.Errorf("Find = %v, %v; want nothing, and the directory's mode reported", procs, problems)
	}
}
