//go:build unix

package filestate

import (
	"os"
	"syscall"
)

// open opens path for reading without blocking: opening a FIFO for reading
// otherwise waits for a writer. Regular files ignore O_NONBLOCK. Callers must
// check that what they opened is a regular file before reading it.
func open(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
