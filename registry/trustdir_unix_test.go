//go:build unix

package registry

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// CheckDir judges the directory of a path as Reload judges the components
// file's, and names the path in its message.
func TestCheckDir(t *testing.T) {
	base := t.TempDir()
	ok := filepath.Join(base, "ok")
	mustNil(t, os.Mkdir(ok, 0o700))
	mustNil(t, CheckDir(filepath.Join(ok, "x.sock")))

	open := filepath.Join(base, "open")
	mustNil(t, os.Mkdir(open, 0o700))
	mustNil(t, os.Chmod(open, 0o777))
	err := CheckDir(filepath.Join(open, "x.sock"))
	if !errors.Is(err, ErrUnsafeDir) || !strings.Contains(err.Error(), filepath.Join(open, "x.sock")+": ") || !strings.Contains(err.Error(), "world-writable") {
		t.Errorf("world-writable directory: %v", err)
	}
	mustNil(t, os.Chmod(open, 0o777|os.ModeSticky))
	mustNil(t, CheckDir(filepath.Join(open, "x.sock")))

	if err := CheckDir(filepath.Join(base, "none", "x.sock")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing directory: %v", err)
	}

	if os.Geteuid() == 0 {
		other := filepath.Join(base, "other")
		mustNil(t, os.Mkdir(other, 0o700))
		mustNil(t, os.Chown(other, nobody, nobody))
		if err := CheckDir(filepath.Join(other, "x.sock")); !errors.Is(err, ErrUnsafeDir) || !strings.Contains(err.Error(), "uid 65534") {
			t.Errorf("directory of another user: %v", err)
		}
		mustNil(t, CheckDir(filepath.Join(other, "x.sock"), WithTrustedOwners(nobody)))
	}
}
