package isolated

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"go.uber.org/goleak"
)

// Main runs the tests of m with a runtime directory and a temporary
// directory of their own (XDG_RUNTIME_DIR and TMPDIR), which the programs
// they start inherit, so that the admin sockets of those programs, and the
// scopelog command looking for them, see no other program's; then checks
// that no goroutine is left. It returns the exit code, for os.Exit.
func Main(m *testing.M) int {
	base, err := os.MkdirTemp("", "scopelog-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(base)
	for _, v := range []struct{ env, dir string }{{"XDG_RUNTIME_DIR", "run"}, {"TMPDIR", "tmp"}} {
		dir := filepath.Join(base, v.dir)
		if err := os.Mkdir(dir, 0o700); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		os.Setenv(v.env, dir)
	}
	code := m.Run()
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, "goleak:", err)
			code = 1
		}
	}
	return code
}
