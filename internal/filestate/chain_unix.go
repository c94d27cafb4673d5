//go:build unix

package filestate

// DirChain returns what decides where the directory dir leads, for the
// trust checks of a file in it that Read does not read, such as a socket:
// every directory in which resolving dir looks a name up, then dir itself
// (resolved), and every symlink followed, in Snapshot's form.
func DirChain(dir string) ([]Dir, []Link, error) {
	c, err := resolve(dir)
	if err != nil {
		return nil, nil, err
	}
	if _, err := c.dir(c.resolved, c.last); err != nil {
		return nil, nil, err
	}
	return c.dirs, c.links, nil
}
