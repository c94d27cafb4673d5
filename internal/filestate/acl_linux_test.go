package filestate

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/scopelog/scopelog/internal/acltest"
)

// The ACLs of the file and of its directories are read, count in the
// fingerprint, and Look finds the same Trust as Read.
func TestReadACL(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	write(t, file, "db\n", 0o644)
	base := Read(file)
	if base.ACL.Extended || base.Kind != Regular {
		t.Fatalf("a file without an ACL: %+v", base)
	}
	checkLook := func(s Snapshot) {
		t.Helper()
		if resolved, _, trust := Look(file); resolved != file || trust != s.Trust() {
			t.Errorf("Look finds another Trust than Read")
		}
	}
	checkLook(base)

	acltest.Set(t, file, "u::rw,u:65534:rw,g::r,m::rw,o::r")
	s := Read(file)
	if !s.ACL.Extended || !slices.Equal(s.ACL.Users, []uint32{65534}) {
		t.Fatalf("file ACL u:65534:rw read as %+v", s.ACL)
	}
	if s.Fingerprint() == base.Fingerprint() {
		t.Error("an ACL on the file did not change the fingerprint")
	}
	checkLook(s)

	if err := unix.Removexattr(file, aclName); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(file, 0o644); err != nil {
		t.Fatal(err)
	}
	acltest.Set(t, dir, "u::rwx,g::r-x,g:65534:rwx,m::rwx,o::r-x")
	s = Read(file)
	last := s.Dirs[len(s.Dirs)-1]
	if last.Path != dir || !slices.Equal(last.ACL.Groups, []uint32{65534}) {
		t.Fatalf("directory ACL g:65534:rwx read as %+v", last)
	}
	if s.Fingerprint() == base.Fingerprint() {
		t.Error("an ACL on the directory did not change the fingerprint")
	}
	checkLook(s)
}

func TestParseACL(t *testing.T) {
	unknownTag := acltest.Encode("u::rw")
	unknownTag[4] = 0x40
	for _, tt := range []struct {
		name string
		b    []byte
		want ACL
		bad  bool
	}{
		{"user nobody rw", acltest.Encode("u::rw,u:65534:rw,g::r,m::rw,o::r"), ACL{Extended: true, Users: []uint32{65534}}, false},
		{"the mask takes write away", acltest.Encode("u::rw,u:65534:rw,g::rw,g:7:rw,m::r,o::r"), ACL{Extended: true}, false},
		{"group entries", acltest.Encode("u::rw,g::rw,g:7:rw,m::rw,o::r"), ACL{Extended: true, GroupWrite: true, Groups: []uint32{7}}, false},
		{"no mask", acltest.Encode("u::rw,g::rw,o::r"), ACL{Extended: true, GroupWrite: true}, false},
		{"empty", nil, ACL{}, true},
		{"wrong version", []byte{1, 0, 0, 0}, ACL{}, true},
		{"torn entry", acltest.Encode("u::rw")[:9], ACL{}, true},
		{"unknown tag", unknownTag, ACL{}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseACL(tt.b)
			if (err != nil) != tt.bad {
				t.Fatalf("error %v, want one: %v", err, tt.bad)
			}
			if got.Extended != tt.want.Extended || got.GroupWrite != tt.want.GroupWrite ||
				!slices.Equal(got.Users, tt.want.Users) || !slices.Equal(got.Groups, tt.want.Groups) {
				t.Errorf("parseACL = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func FuzzParseACL(f *testing.F) {
	f.Add(acltest.Encode("u::rw,u:1:rw,g::r,g:2:rw,m::rw,o::r"))
	f.Fuzz(func(t *testing.T, b []byte) {
		acl, err := parseACL(b)
		if err != nil {
			return
		}
		if !acl.Extended || len(acl.Users)+len(acl.Groups) > len(b)/aclEntry {
			t.Fatalf("parseACL(%x) = %+v", b, acl)
		}
	})
}
