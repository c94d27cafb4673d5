//go:build unix

package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/scopelog/scopelog/examples/internal/e2e"
	"github.com/scopelog/scopelog/internal/isolated"
)

// TestMain gives the programs the tests run directories of their own, for
// their admin sockets.
func TestMain(m *testing.M) {
	os.Exit(isolated.Main(m))
}

// TestQuickStart runs the quick start as a real process: after the
// components file names db and the process gets SIGUSR1, debug lines appear
// for db and for nothing else; after the rule is removed, none.
func TestQuickStart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the program")
	}
	e2e.QuickStart(t, "debug", "-watch=false")
}

// TestReadmeQuickStart runs the shell block of README's quick start as it
// is written, from the repository's root, in a non-interactive bash where a
// background job starts with SIGINT ignored: it builds the program and the
// command into a temporary directory, turns db on by saving the file and
// app by an override through the admin socket, and leaves no file in the
// repository.
func TestReadmeQuickStart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the programs")
	}
	root := filepath.Join("..", "..")
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "<!-- quickstart:start -->\n```sh\n")
	block, _, ok2 := strings.Cut(block, "```\n<!-- quickstart:end -->")
	if !ok || !ok2 {
		t.Fatal("README.md has no quickstart block")
	}
	before := entries(t, root)
	// The bound is for a block that hangs; it builds two programs first.
	ctx, cancel := context.WithTimeout(context.Background(), 10*e2e.Deadline)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-eu", "-c", block)
	cmd.Dir = root
	// mktemp -d makes the block's directory in a TMPDIR of this run's.
	tmp := t.TempDir()
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	out, err := cmd.CombinedOutput()
	dirs, _ := filepath.Glob(filepath.Join(tmp, "tmp.*"))
	var log []byte
	if len(dirs) == 1 {
		log, _ = os.ReadFile(filepath.Join(dirs[0], "basic.log"))
	}
	if err != nil {
		t.Fatalf("%v\noutput:\n%s\nbasic.log:\n%s", err, out, log)
	}
	if len(dirs) != 1 {
		t.Fatalf("the block's directories: %q, want one", dirs)
	}
	if after := entries(t, root); !slices.Equal(before, after) {
		t.Errorf("the block changed the repository's root: %q, then %q", before, after)
	}
	for _, want := range []string{`"level":"debug"`, `"logger":"db"`, "override app=debug until ", "OVERRIDE  LEVEL  UNTIL\napp       debug  "} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the block printed no %q:\n%s", want, out)
		}
	}
	var first, saved, appDebugBefore bool
	for _, line := range strings.Split(strings.TrimSpace(string(log)), "\n") {
		switch {
		case strings.Contains(line, `"msg":"components file not found; every component at its default level"`):
			first = true
		case strings.Contains(line, `"msg":"components reloaded"`) && strings.Contains(line, `"changed":["db: info→debug"]`):
			saved = true
		case !saved && strings.Contains(line, `"level":"debug"`):
			appDebugBefore = true
		}
	}
	if !first || !saved || appDebugBefore {
		t.Errorf("basic.log: the first load of a missing file %v, the save's reload turning db on %v, a debug line before it %v\n%s", first, saved, appDebugBefore, log)
	}
}

// entries returns the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}
