//go:build unix

package registry

import (
	"io/fs"
	"os"
	"syscall"
)

// openNoBlock opens path without blocking: a FIFO opened for reading would
// otherwise wait for a writer, and Reload must never hang. Regular files
// ignore O_NONBLOCK.
func openNoBlock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

func worldWritable(m fs.FileMode) bool {
	return m.Perm()&0o002 != 0
}
