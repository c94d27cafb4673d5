package fleet

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// childPackage is the import path of the child program.
const childPackage = "github.com/scopelog/scopelog/bench/internal/fleet/child"

// Build compiles the child program into dir and returns its path. It runs
// the go command found on PATH, with flags (such as -race) before the
// package, in the current directory, which must be inside the bench module.
func Build(dir string, flags ...string) (string, error) {
	bin := filepath.Join(dir, "fleet-child")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	args := append([]string{"build", "-o", bin}, flags...)
	args = append(args, childPackage)
	out, err := exec.Command("go", args...).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("fleet: go %s (run it in the bench module): %w\n%s", strings.Join(args, " "), err, out)
	}
	return bin, nil
}
