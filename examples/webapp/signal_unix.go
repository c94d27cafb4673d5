//go:build unix

package main

import (
	"os"
	"syscall"
)

// reloadSignal returns the signal that the -signal flag names, and its short
// name for the kill command.
func reloadSignal(flag string) (os.Signal, string, error) {
	name, err := signalName(flag)
	if err != nil {
		return nil, "", err
	}
	sig := map[string]syscall.Signal{"USR1": syscall.SIGUSR1, "USR2": syscall.SIGUSR2, "HUP": syscall.SIGHUP}[name]
	return sig, name, nil
}
