package e2e

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// Build compiles the main package pkg (such as "." or "./cmd/x", relative to
// the test's working directory) into a temporary directory and returns the
// binary's path. It uses the go command of the toolchain running the test,
// and adds -race when the test itself was built with it, so that the
// program's own races are caught too.
func Build(t testing.TB, pkg string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "prog")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	args := buildArgs(bin, pkg)
	out, err := exec.Command(GoCommand(t), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("go %v: %v\n%s", args, err, out)
	}
	return bin
}

// GoCommand returns the go command on PATH, the one running the tests.
func GoCommand(t testing.TB) string {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("no go command on PATH: %v", err)
	}
	return goCmd
}

// buildArgs returns the arguments of go build for pkg. With -race when the
// test has it: the program's races are caught too, and the build reuses the
// packages the test's own build compiled, instead of compiling the standard
// library and every dependency a second time without it.
func buildArgs(bin, pkg string) []string {
	args := []string{"build", "-o", bin}
	if raceEnabled {
		args = append(args, "-race")
	}
	return append(args, pkg)
}
