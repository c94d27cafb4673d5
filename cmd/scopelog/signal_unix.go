//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
)

var signalNames = map[string]syscall.Signal{
	"USR1": syscall.SIGUSR1,
	"USR2": syscall.SIGUSR2,
	"HUP":  syscall.SIGHUP,
}

// signalByName accepts USR1, SIGUSR1, usr1 and the like.
func signalByName(name string) (os.Signal, error) {
	s, ok := signalNames[strings.TrimPrefix(strings.ToUpper(name), "SIG")]
	if !ok {
		return nil, fmt.Errorf("%q: expected USR1, USR2 or HUP", name)
	}
	return s, nil
}

func signalName(s os.Signal) string {
	for name, sig := range signalNames {
		if sig == s {
			return "SIG" + name
		}
	}
	return s.String()
}

func sendSignal(pid int, sig os.Signal) error {
	err := syscall.Kill(pid, sig.(syscall.Signal))
	switch {
	case err == nil:
		return nil
	case errors.Is(err, syscall.ESRCH):
		return fmt.Errorf("process %d not found", pid)
	case errors.Is(err, syscall.EPERM):
		return fmt.Errorf("cannot signal process %d: permission denied", pid)
	default:
		return fmt.Errorf("cannot signal process %d: %w", pid, err)
	}
}
