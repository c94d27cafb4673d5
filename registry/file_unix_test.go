//go:build unix

package registry

import (
	"syscall"
	"testing"
)

var platformBadInputs = []badInput{
	// Opening a FIFO for reading blocks until a writer comes: Reload must not.
	{"fifo", func(t *testing.T, p string) { mustNil(t, syscall.Mkfifo(p, 0o644)) }, ErrNotRegular, ": registry: not a regular file: it is a named pipe (FIFO)"},
}
