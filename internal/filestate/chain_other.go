//go:build !unix

package filestate

// DirChain notes no directory and no link off Unix, where nothing of them
// is judged; it fails only if dir cannot be resolved.
func DirChain(dir string) ([]Dir, []Link, error) {
	_, err := resolve(dir)
	return nil, nil, err
}
