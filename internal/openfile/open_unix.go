//go:build unix

package openfile

import (
	"io/fs"
	"os"
	"syscall"
)

// Open opens path for reading without blocking: opening a FIFO for reading
// otherwise waits for a writer. Regular files ignore O_NONBLOCK. Callers must
// check that what they opened is a regular file before reading it.
func Open(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// WorldWritable reports whether anyone on the machine may write a file of
// mode m.
func WorldWritable(m fs.FileMode) bool {
	return m.Perm()&0o002 != 0
}
