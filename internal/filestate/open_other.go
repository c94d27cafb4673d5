//go:build !unix

package filestate

import "os"

// open opens path for reading. There are no FIFOs in the file system here.
func open(path string) (*os.File, error) {
	return os.Open(path)
}
