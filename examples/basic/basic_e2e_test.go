//go:build unix

package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
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
// is written, in a non-interactive bash where a background job starts with
// SIGINT ignored, several times: a block that signals too early kills the
// program some of the time.
func TestReadmeQuickStart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the program")
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "<!-- quickstart:start -->\n```sh\n")
	block, _, ok2 := strings.Cut(block, "```\n<!-- quickstart:end -->")
	if !ok || !ok2 {
		t.Fatal("README.md has no quickstart block")
	}
	build, script, _ := strings.Cut(block, "\n")
	if build != "go build -o basic ./examples/basic" {
		t.Fatalf("the block starts with %q, not the build this test replaces", build)
	}
	bin := e2e.Build(t, ".")
	for run := range 3 {
		dir := t.TempDir()
		if err := os.Symlink(bin, filepath.Join(dir, "basic")); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*e2e.Deadline)
		cmd := exec.CommandContext(ctx, "bash", "-eu", "-c", script)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		cancel()
		log, _ := os.ReadFile(filepath.Join(dir, "basic.log"))
		if err != nil {
			t.Fatalf("run %d: %v\noutput:\n%s\nbasic.log:\n%s", run, err, out, log)
		}
		if !strings.Contains(string(out), `"level":"debug"`) || !strings.Contains(string(out), `"logger":"db"`) {
			t.Errorf("run %d: the block printed %q, want a debug line of db", run, out)
		}
		var acks, appDebug int
		for _, line := range strings.Split(strings.TrimSpace(string(log)), "\n") {
			switch {
			case strings.Contains(line, `"logger":"scopelog"`) && strings.Contains(line, `"msg":"components reloaded"`):
				acks++
			case strings.Contains(line, `"logger":"app"`) && strings.Contains(line, `"level":"debug"`):
				appDebug++
			}
		}
		// The start's reload, then one per signal.
		if acks != 2 {
			t.Errorf("run %d: %d successful reloads, want 2 (the file is missing at the first)\n%s", run, acks, log)
		}
		if appDebug != 0 {
			t.Errorf("run %d: %d debug lines of app, want none", run, appDebug)
		}
	}
}
