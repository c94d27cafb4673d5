//go:build unix

package registry

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

// nobody is the uid and gid the tests give files owned by someone else.
const nobody = 65534

func needRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root: only root can give a file to another user with os.Chown")
	}
}

// trustCase prepares dir (0700, ours) and returns the path of the
// components file to read.
type trustCase struct {
	name    string
	prepare func(t *testing.T, dir string) string
	opts    []Option
	is      error    // nil: the file is accepted
	want    []string // parts of the error message
}

func file(t *testing.T, path string, mode os.FileMode, uid, gid int) string {
	t.Helper()
	mustNil(t, os.WriteFile(path, []byte("db\n"), mode))
	mustNil(t, os.Chmod(path, mode))
	mustNil(t, os.Chown(path, uid, gid))
	return path
}

func subdir(t *testing.T, dir string, mode os.FileMode, uid int) string {
	t.Helper()
	d := filepath.Join(dir, "d")
	mustNil(t, os.Mkdir(d, 0o700))
	mustNil(t, os.Chmod(d, mode))
	mustNil(t, os.Chown(d, uid, -1))
	return d
}

func TestTrustChecks(t *testing.T) {
	needRoot(t)
	gid := os.Getegid()
	tests := []trustCase{
		{name: "ours", prepare: func(t *testing.T, dir string) string {
			return file(t, filepath.Join(dir, "c"), 0o644, 0, gid)
		}},
		{name: "owned by another user", prepare: func(t *testing.T, dir string) string {
			return file(t, filepath.Join(dir, "c"), 0o644, nobody, gid)
		}, is: ErrUntrustedOwner, want: []string{"owned by uid 65534", "only root and this process's user, uid 0", "registry.WithTrustedOwners(65534)"}},
		{name: "owned by a trusted user", prepare: func(t *testing.T, dir string) string {
			return file(t, filepath.Join(dir, "c"), 0o644, nobody, gid)
		}, opts: []Option{WithTrustedOwners(1000, nobody)}},
		{name: "group-writable, another group", prepare: func(t *testing.T, dir string) string {
			return file(t, filepath.Join(dir, "c"), 0o664, 0, nobody)
		}, is: ErrGroupWritable, want: []string{"group gid 65534", "(mode -rw-rw-r--)", "chmod g-w"}},
		{name: "group-writable, our group", prepare: func(t *testing.T, dir string) string {
			return file(t, filepath.Join(dir, "c"), 0o664, 0, gid)
		}},
		{name: "world-writable directory without the sticky bit", prepare: func(t *testing.T, dir string) string {
			return file(t, filepath.Join(subdir(t, dir, 0o777, 0), "c"), 0o644, 0, gid)
		}, is: ErrUnsafeDir, want: []string{"world-writable without the sticky bit (mode drwxrwxrwx)", "rename another file over it", "chmod o-w (or +t)"}},
		{name: "1777 directory, our file", prepare: func(t *testing.T, dir string) string {
			return file(t, filepath.Join(subdir(t, dir, 0o777|os.ModeSticky, 0), "c"), 0o644, 0, gid)
		}},
		{name: "1777 directory, a file by nobody", prepare: func(t *testing.T, dir string) string {
			return file(t, filepath.Join(subdir(t, dir, 0o777|os.ModeSticky, 0), "c"), 0o644, nobody, nobody)
		}, is: ErrUntrustedOwner, want: []string{"owned by uid 65534"}},
		{name: "group-writable directory of another group", prepare: func(t *testing.T, dir string) string {
			d := subdir(t, dir, 0o775, 0)
			mustNil(t, os.Chown(d, 0, nobody))
			return file(t, filepath.Join(d, "c"), 0o644, 0, gid)
		}, is: ErrUnsafeDir, want: []string{"writable by group gid 65534", "chmod g-w (or +t)"}},
		{name: "directory owned by another user", prepare: func(t *testing.T, dir string) string {
			return file(t, filepath.Join(subdir(t, dir, 0o755, nobody), "c"), 0o644, 0, gid)
		}, is: ErrUnsafeDir, want: []string{"is owned by uid 65534", "could replace the file", "WithTrustedOwners(65534)"}},
		{name: "directory owned by a trusted user", prepare: func(t *testing.T, dir string) string {
			return file(t, filepath.Join(subdir(t, dir, 0o755, nobody), "c"), 0o644, nobody, gid)
		}, opts: []Option{WithTrustedOwners(nobody)}},
		{name: "symlink into an unsafe directory", prepare: func(t *testing.T, dir string) string {
			target := file(t, filepath.Join(subdir(t, dir, 0o777, 0), "c"), 0o644, 0, gid)
			link := filepath.Join(dir, "link")
			mustNil(t, os.Symlink(target, link))
			return link
		}, is: ErrUnsafeDir, want: []string{"/d is world-writable"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.prepare(t, t.TempDir())
			rules, err := ReadFile(path, tt.opts...)
			if tt.is == nil {
				if err != nil || len(rules) != 1 {
					t.Fatalf("ReadFile = %v, %v; want the rule db", rules, err)
				}
				return
			}
			if !errors.Is(err, tt.is) {
				t.Fatalf("ReadFile error %v, want %v", err, tt.is)
			}
			t.Log(err)
			if !strings.HasPrefix(err.Error(), path+": ") {
				t.Errorf("error %q does not start with the path", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

// A refused file keeps the levels, fails the reload, and is logged at Error
// like any failed reload; fixing the owner applies it.
func TestReloadRefusesAnUntrustedFile(t *testing.T) {
	needRoot(t)
	core, logs := observer.New(zapcore.DebugLevel)
	path := filepath.Join(t.TempDir(), "components")
	reg := New(WithCore(core), WithFile(path))
	db := reg.Component("db")
	file(t, path, 0o644, nobody, nobody)
	err := reg.Reload()
	if !errors.Is(err, ErrUntrustedOwner) || db.Level() != zapcore.InfoLevel {
		t.Fatalf("Reload = %v with db at %v; want ErrUntrustedOwner and db at info", err, db.Level())
	}
	failed := logs.FilterMessage("components reload failed; levels unchanged").All()
	if len(failed) != 1 || failed[0].Level != zapcore.ErrorLevel || failed[0].ContextMap()["error"] != err.Error() {
		t.Fatalf("the refusal was not logged at Error: %v", failed)
	}
	mustNil(t, os.Chown(path, 0, 0))
	if err := reg.Reload(); err != nil || db.Level() != zapcore.DebugLevel {
		t.Fatalf("after chown: Reload = %v with db at %v", err, db.Level())
	}
}
