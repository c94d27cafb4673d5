package scopelog_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"go.uber.org/goleak"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog"
	"github.com/scopelog/scopelog/internal/adminsock"
	"github.com/scopelog/scopelog/registry"
)

// quiet keeps a test's registry from writing on stderr.
var quiet = scopelog.WithRegistryOptions(registry.WithCore(zapcore.NewNopCore()))

func open(t *testing.T, file string, opts ...scopelog.Option) *scopelog.Logs {
	t.Helper()
	logs, err := scopelog.Open(file, append([]scopelog.Option{quiet}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := logs.Close(); err != nil {
			t.Error(err)
		}
	})
	return logs
}

// A file that is missing, invalid or untrusted does not fail Open: the
// registry runs at its defaults and says why in LastReload.
func TestOpenBadFile(t *testing.T) {
	cases := []struct {
		name, content string
		mode          os.FileMode
		err           string // in LastReload; "" for none
	}{
		{"missing", "", 0, ""},
		{"invalid", "db=verbose\n", 0o644, `unknown level "verbose"`},
	}
	if runtime.GOOS != "windows" {
		cases = append(cases, struct {
			name, content string
			mode          os.FileMode
			err           string
		}{"world-writable", "db\n", 0o666, "world-writable"})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "components")
			if c.mode != 0 {
				if err := os.WriteFile(file, []byte(c.content), c.mode); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(file, c.mode); err != nil {
					t.Fatal(err)
				}
			}
			logs := open(t, file, scopelog.WithoutSocket())
			last := logs.Registry().LastReload()
			if last.Generation != 1 {
				t.Errorf("generation %d, want 1: Open loads the file once", last.Generation)
			}
			if got := errString(last.Err); c.err == "" && got != "" || !strings.Contains(got, c.err) {
				t.Errorf("LastReload().Err = %q, want %q", got, c.err)
			}
			if lvl := logs.Component("db").Level(); lvl != zapcore.InfoLevel {
				t.Errorf("db at %v, want the default, info", lvl)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// When the setup cannot work as asked, Open fails, returns no Logs, and
// leaves nothing running and no socket.
func TestOpenFailsCleanly(t *testing.T) {
	t.Run("no directory to watch", func(t *testing.T) {
		defer goleak.VerifyNone(t)
		logs, err := scopelog.Open(filepath.Join(t.TempDir(), "none", "components"), quiet)
		if logs != nil || err == nil || !strings.Contains(err.Error(), "parent directory") {
			t.Fatalf("Open = %v, %v; want an error about the directory", logs, err)
		}
		if adminsock.Supported {
			if _, err := os.Lstat(adminsock.Path(os.Getpid())); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("a socket is left: %v", err)
			}
		}
	})
	t.Run("no directory, no watcher", func(t *testing.T) {
		// Without the watcher, the directory need not exist.
		logs := open(t, filepath.Join(t.TempDir(), "none", "components"), scopelog.WithoutWatcher())
		if logs.Registry().LastReload().Err != nil {
			t.Error(logs.Registry().LastReload().Err)
		}
	})
	if !adminsock.Supported {
		return
	}
	t.Run("socket directory refused", func(t *testing.T) {
		defer goleak.VerifyNone(t)
		dir := filepath.Dir(adminsock.Path(os.Getpid()))
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(dir, 0o700)
		logs, err := scopelog.Open(filepath.Join(t.TempDir(), "components"), quiet)
		if logs != nil || err == nil || !strings.Contains(err.Error(), "chmod 700") {
			t.Fatalf("Open = %v, %v; want the directory refused, with the fix", logs, err)
		}
	})
}

// One socket per process: a second Open fails while the first serves, and
// succeeds once it is closed.
func TestOpenTwice(t *testing.T) {
	if !adminsock.Supported {
		t.Skip("no admin socket on " + runtime.GOOS)
	}
	file := filepath.Join(t.TempDir(), "components")
	first := open(t, file)
	if first.Socket() != adminsock.Path(os.Getpid()) {
		t.Errorf("socket %q, want %q", first.Socket(), adminsock.Path(os.Getpid()))
	}
	if logs, err := scopelog.Open(file, quiet); !errors.Is(err, adminsock.ErrInUse) {
		logs.Close()
		t.Fatalf("a second Open: %v, want ErrInUse", err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	second := open(t, file)
	if second.Socket() == "" {
		t.Error("no socket after the first was closed")
	}
	// Others may share the process, without the default socket.
	if open(t, file, scopelog.WithoutSocket()).Socket() != "" {
		t.Error("WithoutSocket serves a socket")
	}
	path := filepath.Join(t.TempDir(), "app.sock")
	if got := open(t, file, scopelog.WithSocket(path)).Socket(); got != path {
		t.Errorf("WithSocket: socket %q, want %q", got, path)
	}
}

// Open's path is made absolute, and wins over registry.WithFile.
func TestOpenPath(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	logs := open(t, "components", scopelog.WithoutSocket(),
		scopelog.WithRegistryOptions(registry.WithFile("/elsewhere")))
	if got, want := logs.Registry().File(), filepath.Join(dir, "components"); got != want {
		t.Errorf("File() = %q, want %q", got, want)
	}
	if logs, err := scopelog.Open(""); logs != nil || err == nil {
		t.Errorf("Open(\"\") = %v, %v", logs, err)
	}
	var none *scopelog.Logs
	if err := none.Close(); err != nil {
		t.Errorf("Close of a nil Logs: %v", err)
	}
}
