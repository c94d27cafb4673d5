//go:build unix

package adminsock

import (
	"errors"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/scopelog/scopelog/registry"
)

// isolate points XDG_RUNTIME_DIR and TMPDIR at fresh directories, so that
// the test sees no socket of another test or program, and returns them.
func isolate(t *testing.T) (xdg, tmp string) {
	t.Helper()
	base := t.TempDir()
	xdg, tmp = filepath.Join(base, "run"), filepath.Join(base, "tmp")
	for _, d := range []string{xdg, tmp} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("XDG_RUNTIME_DIR", xdg)
	t.Setenv("TMPDIR", tmp)
	return xdg, tmp
}

func get(t *testing.T, path string) (int, string, http.Header) {
	t.Helper()
	resp, err := Client(path, 10*time.Second).Get(URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header
}

func mode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	info, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode()
}

// The default socket is <pid>.sock in a directory of mode 0700 made for
// it, has mode 0600, serves the handler, names the program, and is gone
// once the server is closed.
func TestListenDefault(t *testing.T) {
	xdg, _ := isolate(t)
	ln, err := Listen("")
	if err != nil {
		t.Fatal(err)
	}
	s := Serve(ln, okHandler(), nil)
	defer s.Close()
	dir := filepath.Join(xdg, "scopelog")
	want := filepath.Join(dir, strconv.Itoa(os.Getpid())+".sock")
	if s.Path() != want || Path(os.Getpid()) != want {
		t.Errorf("socket %s (Path says %s), want %s", s.Path(), Path(os.Getpid()), want)
	}
	if m := mode(t, dir); m != fs.ModeDir|0o700 {
		t.Errorf("directory mode %v, want drwx------", m)
	}
	if m := mode(t, want); m != fs.ModeSocket|0o600 {
		t.Errorf("socket mode %v, want Srw-------", m)
	}
	code, body, h := get(t, want)
	exe, _ := os.Executable()
	if code != 200 || body != "ok" || h.Get(ProgramHeader) != url.PathEscape(filepath.Base(exe)) {
		t.Errorf("GET: %d %q, program %q", code, body, h.Get(ProgramHeader))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(want); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the socket is still there after Close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}
}

// Without XDG_RUNTIME_DIR, the directory is scopelog-<euid> in the
// temporary directory.
func TestListenTempDir(t *testing.T) {
	_, tmp := isolate(t)
	t.Setenv("XDG_RUNTIME_DIR", "")
	ln, err := Listen("")
	if err != nil {
		t.Fatal(err)
	}
	s := Serve(ln, okHandler(), nil)
	defer s.Close()
	if want := filepath.Join(tmp, "scopelog-"+strconv.Itoa(os.Geteuid()), strconv.Itoa(os.Getpid())+".sock"); s.Path() != want {
		t.Errorf("socket %s, want %s", s.Path(), want)
	}
}

// A directory that is there with another mode, or as a symlink, or one
// whose parent anyone could change, is refused with a message that says
// why and what to do; nothing is listened on.
func TestListenRefusesDirectory(t *testing.T) {
	cases := []struct {
		name    string
		prepare func(t *testing.T, xdg, dir string)
		want    []string
	}{
		{"mode 0755", func(t *testing.T, _, dir string) {
			mkdir(t, dir, 0o755)
		}, []string{dir(), "its mode is drwxr-xr-x, not 0700", "chmod 700"}},
		{"mode 0770", func(t *testing.T, _, dir string) {
			mkdir(t, dir, 0o770)
		}, []string{"not 0700"}},
		{"a symlink", func(t *testing.T, xdg, dir string) {
			mkdir(t, filepath.Join(xdg, "elsewhere"), 0o700)
			if err := os.Symlink(filepath.Join(xdg, "elsewhere"), dir); err != nil {
				t.Fatal(err)
			}
		}, []string{"not a directory"}},
		{"a file", func(t *testing.T, _, dir string) {
			if err := os.WriteFile(dir, nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}, []string{"not a directory"}},
		{"a world-writable parent", func(t *testing.T, xdg, _ string) {
			if err := os.Chmod(xdg, 0o777); err != nil {
				t.Fatal(err)
			}
		}, []string{"admin socket directory", "world-writable"}},
	}
	if os.Geteuid() == 0 {
		cases = append(cases, struct {
			name    string
			prepare func(t *testing.T, xdg, dir string)
			want    []string
		}{"another owner", func(t *testing.T, _, dir string) {
			mkdir(t, dir, 0o700)
			if err := os.Chown(dir, 65534, 65534); err != nil {
				t.Fatal(err)
			}
		}, []string{"owned by uid 65534", "not by this process's user, uid 0"}})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			xdg, _ := isolate(t)
			d := filepath.Join(xdg, "scopelog")
			c.prepare(t, xdg, d)
			ln, err := Listen("")
			if err == nil {
				ln.Close()
				t.Fatal("Listen accepted the directory")
			}
			for _, w := range c.want {
				if w == "<dir>" {
					w = d
				}
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if _, err := os.Lstat(Path(os.Getpid())); err == nil {
				t.Error("a socket was made")
			}
		})
	}
}

func dir() string { return "<dir>" }

func mkdir(t *testing.T, path string, perm fs.FileMode) {
	t.Helper()
	if err := os.Mkdir(path, perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, perm); err != nil {
		t.Fatal(err)
	}
}

// leftover makes a socket at path that nothing listens on, as a killed
// process leaves it.
func leftover(t *testing.T, path string) {
	t.Helper()
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	ln.SetUnlinkOnClose(false)
	ln.Close()
}

// deadPid returns the pid of a process that has exited.
func deadPid(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// Listen removes the sockets of processes that are gone, keeps those of
// live ones (even one not listening yet), and replaces a stale socket of
// its own pid; a live one of its own pid is in use.
func TestListenCleansStaleSockets(t *testing.T) {
	xdg, _ := isolate(t)
	d := filepath.Join(xdg, "scopelog")
	mkdir(t, d, 0o700)
	dead := filepath.Join(d, strconv.Itoa(deadPid(t))+".sock")
	notYet := filepath.Join(d, strconv.Itoa(os.Getppid())+".sock")
	mine := filepath.Join(d, strconv.Itoa(os.Getpid())+".sock")
	other := filepath.Join(d, "notes.sock")
	for _, p := range []string{dead, notYet, mine, other} {
		leftover(t, p)
	}
	ln, err := Listen("")
	if err != nil {
		t.Fatal(err)
	}
	s := Serve(ln, okHandler(), nil)
	defer s.Close()
	for _, c := range []struct {
		path string
		kept bool
	}{{dead, false}, {notYet, true}, {other, true}} {
		_, err := os.Lstat(c.path)
		if kept := err == nil; kept != c.kept {
			t.Errorf("%s: kept %v, want %v", filepath.Base(c.path), kept, c.kept)
		}
	}
	if code, _, _ := get(t, mine); code != 200 {
		t.Errorf("the stale socket of this pid was not replaced: GET %d", code)
	}

	// A second server in the same process finds the first.
	if ln, err := Listen(""); !errors.Is(err, ErrInUse) {
		if ln != nil {
			ln.Close()
		}
		t.Errorf("a second Listen: %v, want ErrInUse", err)
	}
}

// A path of the program's choice must be in a directory the registry
// trusts, and may not be anything but a socket.
func TestListenPath(t *testing.T) {
	base := t.TempDir()
	path := filepath.Join(base, "app.sock")
	ln, err := Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	s := Serve(ln, okHandler(), nil)
	if code, _, _ := get(t, path); code != 200 {
		t.Errorf("GET %d", code)
	}
	s.Close()

	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Listen(path); err == nil || !strings.Contains(err.Error(), "is not a socket") {
		t.Errorf("a regular file at the path: %v", err)
	}
	open := filepath.Join(base, "open")
	mkdir(t, open, 0o777)
	if _, err := Listen(filepath.Join(open, "app.sock")); !errors.Is(err, registry.ErrUnsafeDir) {
		t.Errorf("a world-writable directory: %v", err)
	}
}

// Close waits for a request in flight, which completes.
func TestCloseWaitsForRequest(t *testing.T) {
	isolate(t)
	ln, err := Listen("")
	if err != nil {
		t.Fatal(err)
	}
	started, release := make(chan struct{}), make(chan struct{})
	s := Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		io.WriteString(w, "late")
	}), nil)
	got := make(chan string, 1)
	go func() {
		resp, err := Client(s.Path(), 10*time.Second).Get(URL)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got <- string(b)
	}()
	<-started
	closed := make(chan error, 1)
	go func() { closed <- s.Close() }()
	select {
	case err := <-closed:
		t.Fatalf("Close returned (%v) while a request was in flight", err)
	case <-waitFor(t, func() bool { _, err := os.Lstat(s.Path()); return err != nil }):
	}
	close(release)
	if err := <-closed; err != nil {
		t.Error(err)
	}
	if b := <-got; b != "late" {
		t.Errorf("the request in flight got %q", b)
	}
}

// waitFor returns a channel closed once cond holds, polled every
// millisecond: the listener is closed before Close waits for requests.
func waitFor(t *testing.T, cond func() bool) <-chan struct{} {
	t.Helper()
	ch := make(chan struct{})
	go func() {
		defer close(ch)
		for !cond() {
			time.Sleep(time.Millisecond)
		}
	}()
	return ch
}

// A path longer than the system takes is refused with the fix, not with
// bind's "invalid argument".
func TestListenPathTooLong(t *testing.T) {
	dir := t.TempDir()
	long := filepath.Join(dir, strings.Repeat("d", 120))
	mkdir(t, long, 0o700)
	_, err := Listen(filepath.Join(long, "app.sock"))
	if err == nil || !strings.Contains(err.Error(), "longer than a socket's path may be here") {
		t.Errorf("Listen of a long path: %v", err)
	}
}

// The handler sees the client's user as the request's RemoteAddr, which a
// Unix socket leaves empty: what an override records as who asked.
func TestHandlerSeesTheClientsUser(t *testing.T) {
	isolate(t)
	ln, err := Listen("")
	if err != nil {
		t.Fatal(err)
	}
	s := Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, r.RemoteAddr)
	}), nil)
	defer s.Close()
	resp, err := Client(s.Path(), 10*time.Second).Get(URL)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if want := "socket " + userName(os.Geteuid()); string(b) != want {
		t.Errorf("RemoteAddr = %q, want %q", b, want)
	}
}
