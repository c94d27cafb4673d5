//go:build !unix

package main

import (
	"fmt"
	"os"
)

// reloadSignal fails with errNoSignals for any valid name: Windows has no
// SIGUSR1 or SIGUSR2, and its SIGHUP is never delivered.
func reloadSignal(flag string) (os.Signal, string, error) {
	name, err := signalName(flag)
	if err != nil {
		return nil, "", err
	}
	return nil, "", fmt.Errorf("-signal %s: %w", name, errNoSignals)
}
