//go:build !unix

package registry

import (
	"io/fs"
	"os"
)

func openNoBlock(path string) (*os.File, error) {
	return os.Open(path)
}

// worldWritable is false off Unix: Windows reports every writable file as
// mode 0666, and its access control lists are not permission bits.
func worldWritable(fs.FileMode) bool {
	return false
}
