package registry

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/scopelog/scopelog/internal/filestate"
)

// CheckDir runs on the directory that holds path, and on every directory
// and symlink that resolving it goes through, the trust checks that Reload
// runs on those of the components file, with the owners trusted by opts
// (see [WithTrustedOwners]; other options are ignored): see "Trust" in the
// package documentation. The error says which directory, why and the fix,
// as Reload's do, and names path as the file at stake; it wraps
// [ErrUnsafeDir], or the error of a directory that cannot be resolved.
//
// It is for other files whose place decides who may act on a process's
// logging, such as the admin socket of scopelog.Open. On Windows it checks
// only that the directory exists.
func CheckDir(path string, opts ...Option) error {
	c := configure("CheckDir", opts)
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	dirs, links, err := filestate.DirChain(filepath.Dir(abs))
	if err != nil {
		return fmt.Errorf("%s: %w", showPath(path), unwrapPath(path, err))
	}
	ch := checker{path: showPath(path), euid: os.Geteuid(), egid: os.Getegid(), trusted: c.trusted}
	for _, d := range dirs {
		if err := ch.dir(d); err != nil {
			return err
		}
	}
	for _, l := range links {
		if err := ch.link(l, dirs[l.Dir]); err != nil {
			return err
		}
	}
	return nil
}
