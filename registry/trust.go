package registry

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"slices"
	"strconv"

	"github.com/scopelog/scopelog/internal/filestate"
	"github.com/scopelog/scopelog/internal/openfile"
)

// Errors of the trust checks, which Reload and ReadFile run on Unix before
// reading a components file, in the spirit of OpenSSH's StrictModes: the
// file sets what the process logs, so only the process's own user (or root,
// or an owner trusted with WithTrustedOwners) may be able to change it. The
// errors Reload returns wrap them, prefixed with the file's path, and name the
// owner or mode, the reason, and the fix.
var (
	ErrUntrustedOwner = errors.New("file owned by an untrusted user refused")
	ErrGroupWritable  = errors.New("group-writable file refused")
	ErrUnsafeDir      = errors.New("file in an unsafe directory refused")
)

// WithTrustedOwners names users, by uid, that may own the components file
// and its directory besides root and the process's effective user: a deploy
// user that installs the file for a service running as another user. It
// adds to the owners trusted by earlier calls.
//
// Ownership is not checked on Windows, which has access control lists rather
// than owners and mode bits; there the option does nothing.
func WithTrustedOwners(uids ...int) Option {
	return optionFunc(func(r *Registry) { r.src.trusted = append(r.src.trusted, uids...) })
}

// checkTrust refuses a file that someone other than a trusted user could
// change, or replace:
//   - the file is owned by a user other than root, the effective user or a
//     trusted owner;
//   - it is writable by everyone, or by a group other than the effective
//     group;
//   - a directory that holds it (the path's, and the resolved target's for
//     a symlink) is owned by an untrusted user, or is writable by everyone or
//     by another group without the sticky bit, which keeps others from
//     renaming over a file they do not own (so /tmp is fine).
func checkTrust(s *filestate.Snapshot, trusted []int) error {
	path, mode := s.Path, s.Info.Mode()
	if openfile.WorldWritable(mode) {
		return fmt.Errorf("%s: %w (mode %v)", path, ErrWorldWritable, mode.Perm())
	}
	if !s.Owner.Known {
		return nil // no Unix ownership here (Windows)
	}
	euid, egid := os.Geteuid(), os.Getegid()
	if uid := int(s.Owner.UID); !trustedUID(uid, euid, trusted) {
		return fmt.Errorf("%s: %w: it is owned by %s; only root and this process's user, %s, may own it, since the owner can change log levels: chown it, or trust that user with registry.WithTrustedOwners(%d)",
			path, ErrUntrustedOwner, userName(uid), userName(euid), uid)
	}
	if mode.Perm()&0o020 != 0 && int(s.Owner.GID) != egid {
		return fmt.Errorf("%s: %w: group %s may write it (mode %v) and is not this process's group, %s, so its members could change log levels: chmod g-w it",
			path, ErrGroupWritable, groupName(int(s.Owner.GID)), mode.Perm(), groupName(egid))
	}
	for _, d := range s.Dirs {
		if err := checkDir(path, d, euid, egid, trusted); err != nil {
			return err
		}
	}
	return nil
}

func checkDir(path string, d filestate.Dir, euid, egid int, trusted []int) error {
	if !d.Owner.Known {
		return nil
	}
	if uid := int(d.Owner.UID); !trustedUID(uid, euid, trusted) {
		return fmt.Errorf("%s: %w: its directory %s is owned by %s, who could replace the file and so change log levels; only root and this process's user, %s, may own it: chown the directory, or trust that user with registry.WithTrustedOwners(%d)",
			path, ErrUnsafeDir, d.Path, userName(uid), userName(euid), uid)
	}
	if d.Mode&fs.ModeSticky != 0 {
		return nil // others may write it, but not rename over our file
	}
	if d.Mode.Perm()&0o002 != 0 {
		return fmt.Errorf("%s: %w: its directory %s is world-writable without the sticky bit (mode %v), so anyone could rename another file over it and change log levels: chmod o-w (or +t) the directory",
			path, ErrUnsafeDir, d.Path, dirMode(d.Mode))
	}
	if d.Mode.Perm()&0o020 != 0 && int(d.Owner.GID) != egid {
		return fmt.Errorf("%s: %w: its directory %s is writable by group %s without the sticky bit (mode %v), and that is not this process's group, %s, so its members could rename another file over it and change log levels: chmod g-w (or +t) the directory",
			path, ErrUnsafeDir, d.Path, groupName(int(d.Owner.GID)), dirMode(d.Mode), groupName(egid))
	}
	return nil
}

func dirMode(m fs.FileMode) fs.FileMode { return m & (fs.ModeDir | fs.ModePerm) }

func trustedUID(uid, euid int, trusted []int) bool {
	return uid == 0 || uid == euid || slices.Contains(trusted, uid)
}

// userName gives a uid with its name when the system knows it: "uid 1001
// (alice)".
func userName(uid int) string {
	s := "uid " + strconv.Itoa(uid)
	if u, err := user.LookupId(strconv.Itoa(uid)); err == nil {
		s += " (" + u.Username + ")"
	}
	return s
}

func groupName(gid int) string {
	s := "gid " + strconv.Itoa(gid)
	if g, err := user.LookupGroupId(strconv.Itoa(gid)); err == nil {
		s += " (" + g.Name + ")"
	}
	return s
}
