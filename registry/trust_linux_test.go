package registry

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// aclEntry is one entry of a POSIX ACL: tag, permission bits, id.
type aclEntry [3]uint32

// The tags of ACL entries, as Linux stores them.
const (
	userObj, namedUser, groupObj, namedGroup, mask, other = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20
)

// setACL gives path the access ACL of entries, in the kernel's order (by
// tag, then id), as setfacl would, skipping the test where the file system
// has no ACLs.
func setACL(t *testing.T, path string, entries ...aclEntry) {
	t.Helper()
	b := binary.LittleEndian.AppendUint32(nil, 2) // the version
	for _, e := range entries {
		b = binary.LittleEndian.AppendUint16(b, uint16(e[0]))
		b = binary.LittleEndian.AppendUint16(b, uint16(e[1]))
		b = binary.LittleEndian.AppendUint32(b, e[2])
	}
	err := unix.Setxattr(path, "system.posix_acl_access", b, 0)
	if errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.EOPNOTSUPP) {
		t.Skipf("the file system of %s has no POSIX ACLs: %v", path, err)
	}
	mustNil(t, err)
}

// The ACL of the file, of its directory and of any ancestor: an entry that
// lets someone untrusted write is refused, as its owner or mode would be.
func TestTrustChecksACL(t *testing.T) {
	needRoot(t)
	gid := os.Getegid()
	const rw, r, rwx, rx = 6, 4, 7, 5
	fileACL := func(mode os.FileMode, fileGID int, entries ...aclEntry) func(*testing.T, string) string {
		return func(t *testing.T, dir string) string {
			p := file(t, filepath.Join(dir, "c"), mode, 0, fileGID)
			setACL(t, p, entries...)
			return p
		}
	}
	dirACL := func(mode os.FileMode, depth int, entries ...aclEntry) func(*testing.T, string) string {
		return func(t *testing.T, dir string) string {
			d := mkdir(t, dir, "d", mode, 0, -1)
			setACL(t, d, entries...)
			for range depth {
				d = mkdir(t, d, "sub", 0o755, 0, -1)
			}
			return file(t, filepath.Join(d, "c"), 0o644, 0, gid)
		}
	}
	tests := []trustCase{
		{name: "file: u:nobody:rw", prepare: fileACL(0o644, gid, aclEntry{userObj, rw, 0}, aclEntry{namedUser, rw, nobody}, aclEntry{groupObj, r, 0}, aclEntry{mask, rw, 0}, aclEntry{other, r, 0}),
			is: ErrACLWritable, want: []string{"its ACL lets user uid 65534", "(mode -rw-rw-r--+)", "setfacl -x u:65534", "setfacl -b"}},
		{name: "file: g:nobody:rw", prepare: fileACL(0o644, gid, aclEntry{userObj, rw, 0}, aclEntry{groupObj, r, 0}, aclEntry{namedGroup, rw, nobody}, aclEntry{mask, rw, 0}, aclEntry{other, r, 0}),
			is: ErrACLWritable, want: []string{"its ACL lets group gid 65534", "setfacl -x g:65534"}},
		{name: "file: its group writes through the ACL", prepare: fileACL(0o644, nobody, aclEntry{userObj, rw, 0}, aclEntry{namedUser, r, nobody}, aclEntry{groupObj, rw, 0}, aclEntry{mask, rw, 0}, aclEntry{other, r, 0}),
			is: ErrGroupWritable, want: []string{"group gid 65534", "may write it (mode -rw-rw-r--+)", "chmod g-w"}},
		{name: "file: the mask takes write away", prepare: fileACL(0o644, gid, aclEntry{userObj, rw, 0}, aclEntry{namedUser, rw, nobody}, aclEntry{groupObj, r, 0}, aclEntry{mask, r, 0}, aclEntry{other, r, 0})},
		{name: "file: write for a trusted user", prepare: fileACL(0o644, gid, aclEntry{userObj, rw, 0}, aclEntry{namedUser, rw, nobody}, aclEntry{groupObj, r, 0}, aclEntry{mask, rw, 0}, aclEntry{other, r, 0}),
			opts: []Option{WithTrustedOwners(nobody)}},
		{name: "file: write for root only, another group that may not write", prepare: fileACL(0o644, nobody, aclEntry{userObj, rw, 0}, aclEntry{namedUser, rw, 0}, aclEntry{groupObj, r, 0}, aclEntry{mask, rw, 0}, aclEntry{other, r, 0})},
		{name: "directory: u:nobody:rwx", prepare: dirACL(0o755, 0, aclEntry{userObj, rwx, 0}, aclEntry{namedUser, rwx, nobody}, aclEntry{groupObj, rx, 0}, aclEntry{mask, rwx, 0}, aclEntry{other, rx, 0}),
			is: ErrUnsafeDir, want: []string{"the ACL of the directory DIR/d on its path lets user uid 65534", "without the sticky bit (mode drwxrwxr-x+)", "setfacl -x u:65534"}},
		{name: "ancestor: g:nobody:rwx", prepare: dirACL(0o755, 2, aclEntry{userObj, rwx, 0}, aclEntry{groupObj, rx, 0}, aclEntry{namedGroup, rwx, nobody}, aclEntry{mask, rwx, 0}, aclEntry{other, rx, 0}),
			is: ErrUnsafeDir, want: []string{"the ACL of the directory DIR/d on its path lets group gid 65534", "setfacl -x g:65534"}},
		{name: "sticky directory: u:nobody:rwx", prepare: dirACL(0o755|os.ModeSticky, 0, aclEntry{userObj, rwx, 0}, aclEntry{namedUser, rwx, nobody}, aclEntry{groupObj, rx, 0}, aclEntry{mask, rwx, 0}, aclEntry{other, rx, 0})},
	}
	runTrustCases(t, tests)
}
