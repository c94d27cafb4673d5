//go:build unix

package main

import (
	"os"
	"syscall"
	"testing"

	"github.com/scopelog/scopelog/examples/internal/e2e"
	"github.com/scopelog/scopelog/internal/isolated"
)

// TestMain gives the programs the tests run directories of their own, for
// their admin sockets.
func TestMain(m *testing.M) {
	os.Exit(isolated.Main(m))
}

// TestSlogQuickStart runs the slog quick start as a real process: after the
// components file names db and the process gets SIGUSR1, debug lines appear
// for db and for nothing else; after the rule is removed, none.
func TestSlogQuickStart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the program")
	}
	e2e.QuickStart(t, "DEBUG")
}

// TestSlogStopsOnSIGTERM stops the program as kill and a script do, with
// SIGTERM: it ends cleanly, with exit status 0.
func TestSlogStopsOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the program")
	}
	p := e2e.Start(t, e2e.Build(t, "."), "-components", t.TempDir()+"/components", "-every", "10ms")
	p.Wait(t, 0, "the start line", e2e.Msg("app", "started"))
	p.Signal(t, syscall.SIGTERM)
	if err := p.WaitExit(t); err != nil {
		t.Errorf("exit after SIGTERM: %v", err)
	}
}
