package main

import (
	"errors"
	"fmt"
	"strings"
)

// errNoSignals is the error of reloadSignal where the system has none of
// the reload signals: the watcher is then the only trigger.
var errNoSignals = errors.New("this system has no SIGUSR1, SIGUSR2 or SIGHUP")

// signalName returns the short name ("USR1") of the -signal flag's value,
// which may be spelled "usr1", "SIGUSR1", ...
func signalName(flag string) (string, error) {
	name := strings.TrimPrefix(strings.ToUpper(flag), "SIG")
	switch name {
	case "USR1", "USR2", "HUP":
		return name, nil
	}
	return "", fmt.Errorf("-signal %q: want USR1, USR2 or HUP", flag)
}
