package adminsock

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"

	"github.com/scopelog/scopelog/internal/filestate"
	"github.com/scopelog/scopelog/registry"
)

// ErrUnsupported is the error of Listen where [Supported] is false.
var ErrUnsupported = errors.New("no admin socket on this system: the server could not check who connects (it reads peer credentials on Linux, macOS and FreeBSD)")

// ErrInUse is the error of Listen when a process already listens on the
// socket: within this process, another scopelog.Open that was not closed.
var ErrInUse = errors.New("a process already listens on it")

// Listen listens on the socket at path, with mode 0600. An empty path means
// [Path] of this process, in [Dir], which Listen makes or checks, and
// clears of the sockets of processes that are gone; another path's
// directory must exist and pass registry.CheckDir with trust. A stale
// socket at path is replaced; a live one is an error that wraps [ErrInUse].
func Listen(path string, trust ...registry.Option) (*net.UnixListener, error) {
	if !Supported {
		return nil, ErrUnsupported
	}
	if path == "" {
		dir, err := makeDir(Dir(), trust)
		if err != nil {
			return nil, err
		}
		clean(dir)
		path = filepath.Join(dir, strconv.Itoa(os.Getpid())+suffix)
	} else if err := registry.CheckDir(path, trust...); err != nil {
		return nil, err
	}
	if len(path) > maxPath {
		return nil, fmt.Errorf("%s: %d bytes, longer than a socket's path may be here (%d): set XDG_RUNTIME_DIR to a shorter directory, or give scopelog.WithSocket a shorter path", path, len(path), maxPath)
	}
	if info, err := os.Lstat(path); err == nil {
		if info.Mode().Type() != fs.ModeSocket {
			return nil, fmt.Errorf("%s: exists and is not a socket (it is %v): remove it, or choose another path", path, info.Mode().Type())
		}
		switch err := probe(path); {
		case err == nil:
			return nil, fmt.Errorf("%s: %w", path, ErrInUse)
		case !errors.Is(err, syscall.ECONNREFUSED):
			return nil, fmt.Errorf("%s: cannot tell whether a process listens on it: %w", path, err)
		}
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return nil, err
	}
	return ln, nil
}

// makeDir makes dir with mode 0700, or checks the one there, after checking
// the directory that holds it.
func makeDir(dir string, trust []registry.Option) (string, error) {
	if err := registry.CheckDir(dir, trust...); err != nil {
		return "", fmt.Errorf("admin socket directory: %w", err)
	}
	switch err := os.Mkdir(dir, 0o700); {
	case err == nil:
		// The umask may have taken bits away; it never adds any.
		if err := os.Chmod(dir, 0o700); err != nil {
			return "", err
		}
	case !errors.Is(err, fs.ErrExist):
		return "", fmt.Errorf("admin socket directory: %w", err)
	}
	return dir, checkOwnDir(dir, os.Geteuid())
}

// checkOwnDir refuses dir unless it is a directory, not a symlink, with mode
// 0700, owned by uid (any owner if uid is -1): a directory that someone else
// made, or opened, could hold a socket of theirs under a pid of ours.
func checkOwnDir(dir string, uid int) error {
	info, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	const fix = "remove it (scopelog.Open makes it again), set XDG_RUNTIME_DIR to a directory of this user's, or give scopelog.WithSocket another place"
	if !info.IsDir() {
		return fmt.Errorf("admin socket directory %s refused: it is not a directory (it is %v): %s", dir, info.Mode().Type(), fix)
	}
	if o := filestate.OwnerOf(info); o.Known && uid >= 0 && int(o.UID) != uid {
		return fmt.Errorf("admin socket directory %s refused: it is owned by %s, not by this process's user, %s, and its owner could put a socket of theirs in it: %s",
			dir, userName(int(o.UID)), userName(uid), fix)
	}
	if perm := info.Mode().Perm(); perm != 0o700 || info.Mode()&(fs.ModeSetgid|fs.ModeSticky) != 0 {
		return fmt.Errorf("admin socket directory %s refused: its mode is %v, not 0700, so other users may reach or replace its sockets: chmod 700 it, or %s",
			dir, info.Mode()&(fs.ModePerm|fs.ModeSetgid|fs.ModeSticky|fs.ModeDir), fix)
	}
	return nil
}

// clean removes the sockets in dir of processes that ended without closing
// them (killed, or crashed).
func clean(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.Type() != fs.ModeSocket || pidOf(e.Name()) == 0 {
			continue
		}
		// Only a refused connection says that nothing listens, and then
		// only if the process is gone: one that has bound its socket and
		// not yet listened refuses too. A full backlog or a permission
		// leaves the socket alone.
		path := filepath.Join(dir, e.Name())
		if err := probe(path); errors.Is(err, syscall.ECONNREFUSED) && gone(pidOf(e.Name())) {
			os.Remove(path)
		}
	}
}

// probe connects to the socket at path and hangs up: nil means a process
// listens on it, an error wrapping syscall.ECONNREFUSED that none does.
func probe(path string) error {
	c, err := net.Dial("unix", path)
	if err != nil {
		return err
	}
	return c.Close()
}

// userName gives a uid with its name when the system knows it: "uid 1001
// (alice)".
func userName(uid int) string {
	s := "uid " + strconv.Itoa(uid)
	if u, err := user.LookupId(strconv.Itoa(uid)); err == nil {
		s += " (" + u.Username + ")"
	}
	return s
}
