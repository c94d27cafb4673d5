//go:build !unix

package filestate

import (
	"os"
	"path/filepath"
)

// resolve follows every symlink in path. Off Unix it notes no directory and
// no link: nothing of them is judged there.
func resolve(path string) (chain, error) {
	resolved, err := filepath.EvalSymlinks(path)
	if err != nil {
		return chain{}, err
	}
	info, err := os.Lstat(resolved)
	if err != nil {
		return chain{}, err
	}
	return chain{resolved: resolved, last: info}, nil
}
