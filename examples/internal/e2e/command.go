package e2e

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
)

// Command runs the program bin with args to completion and returns its
// stdout and stderr. It fails the test if the program cannot be run or its
// exit code is not want, showing both outputs.
func Command(t testing.TB, want int, bin string, args ...string) (stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var errOut strings.Builder
	cmd.Stderr = &errOut
	out, err := cmd.Output()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if code != want {
		t.Fatalf("%s %q: exit %d, want %d\nstdout %s\nstderr %s", bin, args, code, want, out, errOut.String())
	}
	return string(out), errOut.String()
}
