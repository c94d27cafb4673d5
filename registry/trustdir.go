package registry

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/scopelog/scopelog/internal/filestate"
)

// CheckDir runs on the directory that holds path the trust checks that
// Reload runs on the directory of the components file, with the owners
// trusted by opts (see [WithTrustedOwners]; other options are ignored): it
// must be owned by root, the process's effective user or a trusted owner,
// and writable by no one else unless its sticky bit is set. The error says
// which directory, why, and the fix, as Reload's do, and names path as the
// file at stake.
//
// It is for other files whose place decides who may change a process's
// logging, such as the admin socket of scopelog.Open. On Windows, where
// there are no Unix owners, it checks nothing.
func CheckDir(path string, opts ...Option) error {
	r := new(Registry)
	for _, o := range opts {
		o.apply(r)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(abs)
	info, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	d := filestate.Dir{Path: dir, Mode: info.Mode(), Owner: filestate.OwnerOf(info)}
	return checkDir(path, d, os.Geteuid(), os.Getegid(), r.src.trusted)
}
