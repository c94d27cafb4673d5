//go:build unix

package main

import (
	"syscall"
	"testing"
)

func TestReloadSignal(t *testing.T) {
	for in, want := range map[string]syscall.Signal{"USR1": syscall.SIGUSR1, "sigusr2": syscall.SIGUSR2, "HUP": syscall.SIGHUP} {
		sig, name, err := reloadSignal(in)
		if err != nil || sig != want || "SIG"+name != sigName(want) {
			t.Errorf("reloadSignal(%q) = %v, %q, %v; want %v", in, sig, name, err, want)
		}
	}
	if _, _, err := reloadSignal("TERM"); err == nil {
		t.Error("reloadSignal(TERM) succeeded")
	}
}

func sigName(s syscall.Signal) string {
	return map[syscall.Signal]string{syscall.SIGUSR1: "SIGUSR1", syscall.SIGUSR2: "SIGUSR2", syscall.SIGHUP: "SIGHUP"}[s]
}
