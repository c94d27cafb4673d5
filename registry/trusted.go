package registry

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/scopelog/scopelog/internal/filestate"
)

// ReadTrusted reads the file at path with the components file's limits and
// trust checks (see "Trust" in the package documentation), for another
// file that decides what the process logs, such as the key of signed debug
// headers: a regular file of at most [MaxFileSize] bytes that no one but
// root, the process's effective user and the owners given to
// [WithTrustedOwners] could change or replace. Of opts it uses only
// WithTrustedOwners. It returns the content, or an error that names the
// path, what is wrong and the fix, and wraps the errors Reload returns
// for the same fault; a missing file wraps fs.ErrNotExist.
//
// It does not parse the content, nor judge who may read the file: a
// secret's reader must check that itself.
func ReadTrusted(path string, opts ...Option) ([]byte, error) {
	c := configure("ReadTrusted", opts)
	s := filestate.Read(path)
	data, missing, err := judge(&s, c.trusted)
	if missing {
		return nil, fmt.Errorf("%s: %w", showPath(path), fs.ErrNotExist)
	}
	return data, err
}

// Covers reports whether the rule pattern covers the component name: its
// segments, '*' matching any one, name the component or one of its
// ancestors, as a rule's pattern does (see [Parse]). A condition in
// brackets is ignored. An invalid pattern (see [CheckPattern]) covers
// nothing.
func Covers(pattern, name string) bool {
	comps, _ := splitPattern(pattern)
	if comps == "" || name == "" || checkPattern(comps, 1) != nil {
		return false
	}
	for {
		seg, rest, more := strings.Cut(comps, ".")
		nseg, nrest, nmore := strings.Cut(name, ".")
		switch {
		case seg != "*" && seg != nseg:
			return false
		case !more:
			return true
		case !nmore:
			return false
		}
		comps, name = rest, nrest
	}
}
