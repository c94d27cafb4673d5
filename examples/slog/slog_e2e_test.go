//go:build unix

package main

import (
	"testing"

	"go.uber.org/goleak"

	"github.com/scopelog/scopelog/examples/internal/e2e"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
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
