//go:build !unix

package main

import (
	"errors"
	"fmt"
	"os"
)

var errNoSignals = errors.New("this system has no reload signals: let the process's watcher reload the file, or use -url")

func signalByName(name string) (os.Signal, error) {
	switch name {
	case "USR1", "USR2", "HUP":
		return nil, nil
	}
	return nil, fmt.Errorf("%q: expected USR1, USR2 or HUP", name)
}

func signalName(s os.Signal) string { return fmt.Sprint(s) }

func sendSignal(int, os.Signal) error { return errNoSignals }
