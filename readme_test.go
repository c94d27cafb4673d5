package scopelog_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// maxReadme is the length of README.md, a front door and not the manual,
// in lines.
const maxReadme = 300

func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReadmeLength(t *testing.T) {
	if n := strings.Count(readme(t), "\n"); n > maxReadme {
		t.Errorf("README.md has %d lines, more than %d: move the detail to docs/ or a package's doc.go", n, maxReadme)
	}
}

// quickStartGo returns the Go block of README's quick start.
func quickStartGo(t *testing.T) string {
	t.Helper()
	_, section, ok := strings.Cut(readme(t), "\n## Quick start\n")
	section, _, _ = strings.Cut(section, "\n## ")
	_, block, ok2 := strings.Cut(section, "```go\n")
	block, _, ok3 := strings.Cut(block, "```\n")
	if !ok || !ok2 || !ok3 {
		t.Fatal("README.md has no Go block in its Quick start section")
	}
	return block
}

// The quick start's Go is at most 15 lines, and compiles as the body of a
// function, with q the query it logs.
func TestReadmeQuickStartGo(t *testing.T) {
	block := quickStartGo(t)
	if n := strings.Count(block, "\n"); n > 15 {
		t.Errorf("the quick start has %d lines of Go, more than 15", n)
	}
	if testing.Short() {
		t.Skip("compiles the quick start")
	}
	// The program goes into the module through an overlay, so that it
	// compiles against this checkout and writes nothing into it.
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	program := "package main\n\nimport (\n\t\"log\"\n\n\t\"go.uber.org/zap\"\n\n\t\"github.com/scopelog/scopelog\"\n)\n\nfunc main() {\n\tq := \"SELECT 1\"\n" + block + "}\n"
	if err := os.WriteFile(src, []byte(program), 0o644); err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	virtual := filepath.Join(wd, "internal", "readmequickstart", "main.go")
	overlay, _ := json.Marshal(map[string]map[string]string{"Replace": {virtual: src}})
	if err := os.WriteFile(filepath.Join(dir, "overlay.json"), overlay, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "build", "-overlay", filepath.Join(dir, "overlay.json"), "-o", filepath.Join(dir, "quickstart"), "./internal/readmequickstart")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("the quick start does not compile: %v\n%s\n%s", err, out, program)
	}
}
