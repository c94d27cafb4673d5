//go:build linux || darwin || freebsd

package adminsock

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// nobody is the uid and gid the peer tests run a helper as.
const nobody = 65534

// helper copies the test binary where any user can run it, and returns a
// command that runs it as uid with env set. It skips the test unless it
// runs as root, which alone can start a process as another user.
func helper(t *testing.T, uid int, env string) *exec.Cmd {
	t.Helper()
	needRoot(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	dir := openDir(t)
	bin := filepath.Join(dir, "helper")
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^$")
	cmd.Env = append(os.Environ(), env)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: nobody}}
	return cmd
}

func needRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root: only root can run a process as another user (syscall.Credential)")
	}
}

// openDir returns a new directory that every user can enter, in a chain of
// directories every user can enter.
func openDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	// The test's own directories, t.TempDir's and its parent, are opened;
	// the ones above must be open already.
	for d := dir; d != filepath.Dir(d); d = filepath.Dir(d) {
		info, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case info.Mode().Perm()&0o001 != 0:
		case d == dir || d == filepath.Dir(dir):
			if err := os.Chmod(d, info.Mode().Perm()|0o011); err != nil {
				t.Fatal(err)
			}
		default:
			t.Skipf("%s cannot be entered by other users", d)
		}
	}
	return dir
}

// A client of another user gets 403 and nothing of the handler, even when
// the socket's mode would let it in.
func TestPeerOtherUserRefused(t *testing.T) {
	cmd := helper(t, nobody, "")
	path := filepath.Join(openDir(t), "app.sock")
	ln, err := Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o666); err != nil {
		t.Fatal(err)
	}
	s := Serve(ln, okHandler(), nil)
	defer s.Close()
	cmd.Env = append(cmd.Env, helperClient+"="+path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("client: %v\n%s", err, out)
	}
	if got := string(out); !strings.HasPrefix(got, "403 ") || !strings.Contains(got, "uid 65534") || strings.Contains(got, "ok") {
		t.Errorf("a client as uid %d got %q, want 403 naming it", nobody, got)
	}
}

// A process of another user serves root and itself, and refuses a third
// user.
func TestPeerRootServed(t *testing.T) {
	needRoot(t)
	// The server's directory is its own: nobody's, which others may enter.
	dir := filepath.Join(openDir(t), "nobody")
	mkdir(t, dir, 0o711)
	if err := os.Chown(dir, nobody, nobody); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "app.sock")
	srv := helper(t, nobody, helperServer+"="+path)
	stdin, err := srv.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := srv.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	srv.Stderr = os.Stderr
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stdin.Close()
		rest, _ := io.ReadAll(stdout)
		if err := srv.Wait(); err != nil {
			t.Errorf("server: %v\n%s", err, rest)
		}
	}()
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "ready\n" {
		t.Fatalf("server: %q", line)
	}
	code, body, _ := get(t, path)
	if code != 200 || body != "ok" {
		t.Errorf("root got %d %q from a process of uid %d, want 200", code, body, nobody)
	}
	other := helper(t, nobody-1, helperClient+"="+path)
	out, err := other.CombinedOutput()
	if err != nil {
		t.Fatalf("client: %v\n%s", err, out)
	}
	if !strings.HasPrefix(string(out), "403 ") {
		t.Errorf("uid %d got %q from a process of uid %d, want 403", nobody-1, out, nobody)
	}
}
