package scopelog_test

import (
	"os"
	"testing"

	"github.com/scopelog/scopelog/internal/isolated"
)

// TestMain gives the tests, and the examples, a runtime directory and a
// temporary directory of their own, so that their sockets are apart from
// every other program's, then checks that nothing is left running. The
// test binary is also the program of the end-to-end test: see app.
func TestMain(m *testing.M) {
	if file := os.Getenv(appEnv); file != "" {
		os.Exit(app(file))
	}
	os.Exit(isolated.Main(m))
}
