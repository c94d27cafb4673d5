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
)

// Errors of the trust checks, like OpenSSH's StrictModes, on every ancestor
// (see "Trust" in the package documentation). The errors Reload returns wrap
// them, prefixed with the file's path.
var (
	ErrUntrustedOwner = errors.New("registry: file owned by an untrusted user refused")
	ErrGroupWritable  = errors.New("registry: group-writable file refused")
	// ErrACLWritable reports a POSIX ACL (Linux) that lets a user or group
	// write the file where its owner and mode would not.
	ErrACLWritable = errors.New("registry: file writable through its ACL refused")
	// ErrUnsafeDir reports a directory on the file's path, or a symlink it
	// follows, that someone else could change.
	ErrUnsafeDir = errors.New("registry: file in an unsafe directory refused")
)

// checkTrust refuses a file that someone other than a trusted user (root,
// the effective user, an owner given to WithTrustedOwners) could change or
// replace, like OpenSSH's StrictModes, on every ancestor:
//   - the file is owned by an untrusted user;
//   - it is writable by everyone, or by a group other than the effective
//     group, whether by its mode or its POSIX ACL, or its ACL lets an
//     untrusted user write it;
//   - a directory in which resolving its path looks a name up (every
//     ancestor up to /, and those of each symlink's target) is owned by an
//     untrusted user or, unless it has the sticky bit, which keeps others
//     from renaming over entries they do not own (so /tmp is fine), may be
//     written in the same ways;
//   - a symlink it follows sits in a sticky directory and is owned by an
//     untrusted user, who may replace it.
//
// Off Unix nothing is checked: Windows has ACLs of its own rather than
// owners and mode bits.
func checkTrust(s *filestate.Snapshot, trusted []int) error {
	if !s.Owner.Known {
		return nil
	}
	c := checker{path: showPath(s.Path), euid: os.Geteuid(), egid: os.Getegid(), trusted: trusted}
	mode := s.Info.Mode()
	if mode.Perm()&0o002 != 0 {
		return fmt.Errorf("%s: %w (mode %v)", c.path, ErrWorldWritable, modeText(mode.Perm(), s.ACL))
	}
	if uid := int(s.Owner.UID); !c.trust(uid) {
		return fmt.Errorf("%s: %w: it is owned by %s; only root and this process's user, %s, may own it, since the owner can change log levels: chown it, or trust that user with registry.WithTrustedOwners(%d)",
			c.path, ErrUntrustedOwner, userName(uid), userName(c.euid), uid)
	}
	if groupWrite(mode, s.ACL) && int(s.Owner.GID) != c.egid {
		return fmt.Errorf("%s: %w: group %s may write it (mode %v) and is not this process's group, %s, so its members could change log levels: chmod g-w it",
			c.path, ErrGroupWritable, groupName(int(s.Owner.GID)), modeText(mode.Perm(), s.ACL), groupName(c.egid))
	}
	if who, entry := c.aclWriter(s.ACL); who != "" {
		return fmt.Errorf("%s: %w: its ACL lets %s write it (mode %v), who could change log levels: remove the entry with setfacl -x %s, or the whole ACL with setfacl -b",
			c.path, ErrACLWritable, who, modeText(mode.Perm(), s.ACL), entry)
	}
	for _, d := range s.Dirs {
		if err := c.dir(d); err != nil {
			return err
		}
	}
	for _, l := range s.Links {
		if err := c.link(l, s.Dirs[l.Dir]); err != nil {
			return err
		}
	}
	return nil
}

// checker judges one file's chain; path is already made fit to print.
type checker struct {
	path       string
	euid, egid int
	trusted    []int
}

func (c *checker) trust(uid int) bool {
	return uid == 0 || uid == c.euid || slices.Contains(c.trusted, uid)
}

// aclWriter describes the first named user or group that acl lets write and
// that is not trusted, with the setfacl entry that names it; "" if none.
func (c *checker) aclWriter(acl filestate.ACL) (who, entry string) {
	for _, uid := range acl.Users {
		if !c.trust(int(uid)) {
			return "user " + userName(int(uid)), "u:" + strconv.Itoa(int(uid))
		}
	}
	for _, gid := range acl.Groups {
		if int(gid) != c.egid {
			return "group " + groupName(int(gid)), "g:" + strconv.Itoa(int(gid))
		}
	}
	return "", ""
}

func (c *checker) dir(d filestate.Dir) error {
	if !d.Owner.Known {
		return nil
	}
	dir := showPath(d.Path)
	if uid := int(d.Owner.UID); !c.trust(uid) {
		return fmt.Errorf("%s: %w: the directory %s on its path is owned by %s, who could replace the file and so change log levels; only root and this process's user, %s, may own it: chown the directory, or trust that user with registry.WithTrustedOwners(%d)",
			c.path, ErrUnsafeDir, dir, userName(uid), userName(c.euid), uid)
	}
	if d.Mode&fs.ModeSticky != 0 {
		return nil // others may write it, but not rename over what we trust
	}
	mode := modeText(d.Mode&(fs.ModeDir|fs.ModePerm), d.ACL)
	if d.Mode.Perm()&0o002 != 0 {
		return fmt.Errorf("%s: %w: the directory %s on its path is world-writable without the sticky bit (mode %v), so anyone could rename another file over it and change log levels: chmod o-w (or +t) the directory",
			c.path, ErrUnsafeDir, dir, mode)
	}
	if groupWrite(d.Mode, d.ACL) && int(d.Owner.GID) != c.egid {
		return fmt.Errorf("%s: %w: the directory %s on its path is writable by group %s without the sticky bit (mode %v), and that is not this process's group, %s, so its members could rename another file over it and change log levels: chmod g-w (or +t) the directory",
			c.path, ErrUnsafeDir, dir, groupName(int(d.Owner.GID)), mode, groupName(c.egid))
	}
	if who, entry := c.aclWriter(d.ACL); who != "" {
		return fmt.Errorf("%s: %w: the ACL of the directory %s on its path lets %s write it without the sticky bit (mode %v), who could rename another file over it and change log levels: remove the entry with setfacl -x %s, or the whole ACL with setfacl -b",
			c.path, ErrUnsafeDir, dir, who, mode, entry)
	}
	return nil
}

// link refuses a symlink that its owner may replace: one in a sticky
// directory, which others may write. Elsewhere, replacing a link takes
// write access to its directory, which dir judges.
func (c *checker) link(l filestate.Link, in filestate.Dir) error {
	if !l.Owner.Known || in.Mode&fs.ModeSticky == 0 {
		return nil
	}
	if uid := int(l.Owner.UID); !c.trust(uid) {
		return fmt.Errorf("%s: %w: the symlink %s on its path is owned by %s in the sticky directory %s, so that user could point it elsewhere and change log levels: replace it with a link owned by root or this process's user, %s, or trust that user with registry.WithTrustedOwners(%d)",
			c.path, ErrUnsafeDir, showPath(l.Path), userName(uid), showPath(in.Path), userName(c.euid), uid)
	}
	return nil
}

// groupWrite reports whether the owning group may write: with an ACL, the
// mode's group bits are the ACL's mask, and the group's own entry decides.
func groupWrite(m fs.FileMode, acl filestate.ACL) bool {
	if acl.Extended {
		return acl.GroupWrite
	}
	return m.Perm()&0o020 != 0
}

// modeText shows m as ls does, with "+" for an ACL.
func modeText(m fs.FileMode, acl filestate.ACL) string {
	if acl.Extended {
		return m.String() + "+"
	}
	return m.String()
}

// userName gives a uid with its name when the system knows it: "uid 1001
// (alice)".
func userName(uid int) string {
	s := "uid " + strconv.Itoa(uid)
	if u, err := user.LookupId(strconv.Itoa(uid)); err == nil {
		s += " (" + showPath(u.Username) + ")"
	}
	return s
}

func groupName(gid int) string {
	s := "gid " + strconv.Itoa(gid)
	if g, err := user.LookupGroupId(strconv.Itoa(gid)); err == nil {
		s += " (" + showPath(g.Name) + ")"
	}
	return s
}
