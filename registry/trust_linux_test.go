package registry

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/scopelog/scopelog/internal/acltest"
)

// The ACL of the file, of its directory and of any ancestor: an entry that
// lets someone untrusted write is refused, as its owner or mode would be.
func TestTrustChecksACL(t *testing.T) {
	needRoot(t)
	gid := os.Getegid()
	fileACL := func(mode os.FileMode, fileGID int, acl string) func(*testing.T, string) string {
		return func(t *testing.T, dir string) string {
			p := file(t, filepath.Join(dir, "c"), mode, 0, fileGID)
			acltest.Set(t, p, acl)
			return p
		}
	}
	dirACL := func(mode os.FileMode, depth int, acl string) func(*testing.T, string) string {
		return func(t *testing.T, dir string) string {
			d := mkdir(t, dir, "d", mode, 0, -1)
			acltest.Set(t, d, acl)
			for range depth {
				d = mkdir(t, d, "sub", 0o755, 0, -1)
			}
			return file(t, filepath.Join(d, "c"), 0o644, 0, gid)
		}
	}
	tests := []trustCase{
		{name: "file: u:nobody:rw", prepare: fileACL(0o644, gid, "u::rw,u:65534:rw,g::r,m::rw,o::r"),
			is: ErrACLWritable, want: []string{"its ACL lets user uid 65534", "(mode -rw-rw-r--+)", "setfacl -x u:65534", "setfacl -b"}},
		{name: "file: g:nobody:rw", prepare: fileACL(0o644, gid, "u::rw,g::r,g:65534:rw,m::rw,o::r"),
			is: ErrACLWritable, want: []string{"its ACL lets group gid 65534", "setfacl -x g:65534"}},
		{name: "file: its group writes through the ACL", prepare: fileACL(0o644, nobody, "u::rw,u:65534:r,g::rw,m::rw,o::r"),
			is: ErrGroupWritable, want: []string{"group gid 65534", "may write it (mode -rw-rw-r--+)", "chmod g-w"}},
		{name: "file: the mask takes write away", prepare: fileACL(0o644, gid, "u::rw,u:65534:rw,g::r,m::r,o::r")},
		{name: "file: write for a trusted user", prepare: fileACL(0o644, gid, "u::rw,u:65534:rw,g::r,m::rw,o::r"),
			opts: []Option{WithTrustedOwners(nobody)}},
		{name: "file: write for root only, another group that may not write", prepare: fileACL(0o644, nobody, "u::rw,u:0:rw,g::r,m::rw,o::r")},
		{name: "directory: u:nobody:rwx", prepare: dirACL(0o755, 0, "u::rwx,u:65534:rwx,g::r-x,m::rwx,o::r-x"),
			is: ErrUnsafeDir, want: []string{"the ACL of the directory DIR/d on its path lets user uid 65534", "without the sticky bit (mode drwxrwxr-x+)", "setfacl -x u:65534"}},
		{name: "ancestor: g:nobody:rwx", prepare: dirACL(0o755, 2, "u::rwx,g::r-x,g:65534:rwx,m::rwx,o::r-x"),
			is: ErrUnsafeDir, want: []string{"the ACL of the directory DIR/d on its path lets group gid 65534", "setfacl -x g:65534"}},
		{name: "sticky directory: u:nobody:rwx", prepare: dirACL(0o755|os.ModeSticky, 0, "u::rwx,u:65534:rwx,g::r-x,m::rwx,o::r-x")},
	}
	runTrustCases(t, tests)
}
