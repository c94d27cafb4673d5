package scopelog_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"go.uber.org/goleak"
)

// TestMain gives the tests, and the examples, a runtime directory and a
// temporary directory of their own, so that their sockets are apart from
// every other program's, then checks that nothing is left running. The
// test binary is also the program of the end-to-end test: see app.
func TestMain(m *testing.M) {
	if file := os.Getenv(appEnv); file != "" {
		os.Exit(app(file))
	}
	base, err := os.MkdirTemp("", "scopelog-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, v := range []struct{ env, dir string }{{"XDG_RUNTIME_DIR", "run"}, {"TMPDIR", "tmp"}} {
		dir := filepath.Join(base, v.dir)
		if err := os.Mkdir(dir, 0o700); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Setenv(v.env, dir)
	}
	code := m.Run()
	os.RemoveAll(base)
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, "goleak:", err)
			code = 1
		}
	}
	os.Exit(code)
}
