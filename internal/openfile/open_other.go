//go:build !unix

package openfile

import (
	"io/fs"
	"os"
)

// Open opens path for reading. There are no FIFOs in the file system here.
func Open(path string) (*os.File, error) {
	return os.Open(path)
}

// WorldWritable is false off Unix: Windows reports every writable file as
// mode 0666, and its access control lists are not permission bits.
func WorldWritable(fs.FileMode) bool {
	return false
}
