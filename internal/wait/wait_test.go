package wait

import (
	"os/exec"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestForReturnsOnceTheConditionHolds(t *testing.T) {
	var ready atomic.Bool
	time.AfterFunc(20*time.Millisecond, func() { ready.Store(true) })
	For(t, "ready", ready.Load)
	if !ready.Load() {
		t.Fatal("For returned before the condition held")
	}
}

// This package, internal/acltest and examples/internal/e2e import testing:
// no package of the module may import them from a file that is not a test,
// which would link testing into a program.
func TestImportedByTestsOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list over the whole module")
	}
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}: {{join .Imports " "}}`, "github.com/scopelog/scopelog/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	testOnly := []string{"github.com/scopelog/scopelog/internal/wait", "github.com/scopelog/scopelog/internal/acltest", "github.com/scopelog/scopelog/examples/internal/e2e"}
	for line := range strings.Lines(string(out)) {
		pkg, imports, _ := strings.Cut(strings.TrimSpace(line), ": ")
		for imp := range strings.FieldsSeq(imports) {
			if slices.Contains(testOnly, imp) {
				t.Errorf("%s imports the test-only package %s outside its tests", pkg, imp)
			}
		}
	}
}
