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
		}, is: ErrUnsafeDir, want: []string{"/d on its path is world-writable"}},

		// Every ancestor, like OpenSSH's StrictModes: whoever owns one can
		// rename the subtree below it.
		{name: "ancestor owned by another user", prepare: func(t *testing.T, dir string) string {
			evil := mkdir(t, dir, "evil", 0o755, nobody, -1)
			conf := mkdir(t, evil, "conf", 0o755, 0, -1)
			return file(t, filepath.Join(mkdir(t, conf, "components", 0o755, 0, -1), "c"), 0o644, 0, gid)
		}, is: ErrUnsafeDir, want: []string{"the directory " + "DIR/evil on its path is owned by uid 65534", "chown the directory", "WithTrustedOwners(65534)"}},
		{name: "ancestor writable by another group", prepare: func(t *testing.T, dir string) string {
			shared := mkdir(t, dir, "shared", 0o775, 0, nobody)
			return file(t, filepath.Join(mkdir(t, shared, "conf", 0o755, 0, -1), "c"), 0o644, 0, gid)
		}, is: ErrUnsafeDir, want: []string{"DIR/shared on its path is writable by group gid 65534", "chmod g-w (or +t)"}},
		{name: "ancestor owned by a trusted user", prepare: func(t *testing.T, dir string) string {
			deploy := mkdir(t, dir, "deploy", 0o755, nobody, -1)
			return file(t, filepath.Join(mkdir(t, deploy, "conf", 0o755, 0, -1), "c"), 0o644, 0, gid)
		}, opts: []Option{WithTrustedOwners(nobody)}},
		{name: "intermediate symlink in another user's directory", prepare: func(t *testing.T, dir string) string {
			// safe/components -> evil/mid -> safe2/end
			end := file(t, filepath.Join(mkdir(t, dir, "safe2", 0o755, 0, -1), "end"), 0o644, 0, gid)
			mid := filepath.Join(mkdir(t, dir, "evil", 0o755, nobody, -1), "mid")
			mustNil(t, os.Symlink(end, mid))
			link := filepath.Join(mkdir(t, dir, "safe", 0o755, 0, -1), "components")
			mustNil(t, os.Symlink(mid, link))
			return link
		}, is: ErrUnsafeDir, want: []string{"DIR/evil on its path is owned by uid 65534", "could replace the file"}},
		{name: "symlink of another user in a sticky directory", prepare: func(t *testing.T, dir string) string {
			target := file(t, filepath.Join(dir, "c"), 0o644, 0, gid)
			link := filepath.Join(mkdir(t, dir, "tmp", 0o777|os.ModeSticky, 0, -1), "link")
			mustNil(t, os.Symlink(target, link))
			mustNil(t, os.Lchown(link, nobody, nobody))
			return link
		}, is: ErrUnsafeDir, want: []string{"the symlink DIR/tmp/link on its path is owned by uid 65534", "in the sticky directory DIR/tmp,", "could point it elsewhere", "WithTrustedOwners(65534)"}},
		{name: "symlink of another user in our directory", prepare: func(t *testing.T, dir string) string {
			target := file(t, filepath.Join(dir, "c"), 0o644, 0, gid)
			link := filepath.Join(dir, "link")
			mustNil(t, os.Symlink(target, link))
			mustNil(t, os.Lchown(link, nobody, nobody))
			return link
		}},
		{name: "directly in the sticky system temporary directory", prepare: func(t *testing.T, _ string) string {
			f, err := os.CreateTemp("", "components")
			mustNil(t, err)
			mustNil(t, f.Close())
			t.Cleanup(func() { os.Remove(f.Name()) })
			return file(t, f.Name(), 0o644, 0, gid)
		}},
		{name: "a root-owned tree", prepare: func(t *testing.T, dir string) string {
			etc := mkdir(t, mkdir(t, dir, "etc", 0o755, 0, 0), "myapp", 0o755, 0, 0)
			return file(t, filepath.Join(etc, "components"), 0o644, 0, 0)
		}},
		{name: "a directory name with terminal escapes", prepare: func(t *testing.T, dir string) string {
			return file(t, filepath.Join(mkdir(t, dir, "\x1b[2J\x1b]0;owned\a\nFAKE: all good", 0o755, nobody, -1), "c"), 0o644, 0, gid)
		}, is: ErrUnsafeDir, want: []string{`/\x1b[2J\x1b]0;owned\a\nFAKE: all good" on its path is owned by uid 65534`}},
	}
	runTrustCases(t, tests)
}

// mkdir makes dir/name with mode, owned by uid and gid (-1: unchanged).
func mkdir(t *testing.T, dir, name string, mode os.FileMode, uid, gid int) string {
	t.Helper()
	d := filepath.Join(dir, name)
	mustNil(t, os.Mkdir(d, 0o700))
	mustNil(t, os.Chmod(d, mode))
	mustNil(t, os.Chown(d, uid, gid))
	return d
}

// runTrustCases reads each case's file with ReadFile; DIR in a wanted part
// of the message stands for the case's directory.
func runTrustCases(t *testing.T, tests []trustCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := tt.prepare(t, dir)
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
			if !strings.HasPrefix(err.Error(), showPath(path)+": ") {
				t.Errorf("error %q does not start with the path", err)
			}
			if strings.ContainsFunc(err.Error(), func(r rune) bool { return r < ' ' || r == 0x7f }) {
				t.Errorf("error %q holds a control character", err)
			}
			for _, w := range tt.want {
				if w = strings.ReplaceAll(w, "DIR", dir); !strings.Contains(err.Error(), w) {
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
