package filestate

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/sys/unix"
)

// setACL gives path an access ACL of entries, skipping the test where the
// file system has no ACLs.
func setACL(t *testing.T, path string, entries ...[3]uint32) {
	t.Helper()
	err := unix.Setxattr(path, aclName, aclBytes(entries...), 0)
	if errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.EOPNOTSUPP) {
		t.Skipf("the file system of %s has no POSIX ACLs: %v", path, err)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// The ACLs of the file and of its directories are read, count in the
// fingerprint, and Look finds the same Trust as Read.
func TestReadACL(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	write(t, file, "db\n", 0o644)
	read := func() Snapshot { t.Helper(); s := Read(file); return s }
	base := read()
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

	const rw, r = 6, 4
	setACL(t, file, [3]uint32{aclUserObj, rw, 0}, [3]uint32{aclUser, rw, 65534}, [3]uint32{aclGroupObj, r, 0}, [3]uint32{aclMask, rw, 0}, [3]uint32{aclOther, r, 0})
	s := read()
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
	setACL(t, dir, [3]uint32{aclUserObj, 7, 0}, [3]uint32{aclGroupObj, 5, 0}, [3]uint32{aclGroup, 7, 65534}, [3]uint32{aclMask, 7, 0}, [3]uint32{aclOther, 5, 0})
	s = read()
	last := s.Dirs[len(s.Dirs)-1]
	if last.Path != dir || !slices.Equal(last.ACL.Groups, []uint32{65534}) {
		t.Fatalf("directory ACL g:65534:rwx read as %+v", last)
	}
	if s.Fingerprint() == base.Fingerprint() {
		t.Error("an ACL on the directory did not change the fingerprint")
	}
	checkLook(s)
}

// aclBytes encodes entries of tag, permission bits and id as Linux stores
// a system.posix_acl_access attribute.
func aclBytes(entries ...[3]uint32) []byte {
	b := binary.LittleEndian.AppendUint32(nil, aclVersion)
	for _, e := range entries {
		b = binary.LittleEndian.AppendUint16(b, uint16(e[0]))
		b = binary.LittleEndian.AppendUint16(b, uint16(e[1]))
		b = binary.LittleEndian.AppendUint32(b, e[2])
	}
	return b
}

func TestParseACL(t *testing.T) {
	const rw, r = 6, 4
	owner, other := [3]uint32{aclUserObj, rw, 0}, [3]uint32{aclOther, r, 0}
	for _, tt := range []struct {
		name string
		b    []byte
		want ACL
		bad  bool
	}{
		{"user nobody rw", aclBytes(owner, [3]uint32{aclUser, rw, 65534}, [3]uint32{aclGroupObj, r, 0}, [3]uint32{aclMask, rw, 0}, other),
			ACL{Extended: true, Users: []uint32{65534}}, false},
		{"the mask takes write away", aclBytes(owner, [3]uint32{aclUser, rw, 65534}, [3]uint32{aclGroup, rw, 7}, [3]uint32{aclGroupObj, rw, 0}, [3]uint32{aclMask, r, 0}, other),
			ACL{Extended: true}, false},
		{"group entries", aclBytes(owner, [3]uint32{aclGroupObj, rw, 0}, [3]uint32{aclGroup, rw, 7}, [3]uint32{aclMask, rw, 0}, other),
			ACL{Extended: true, GroupWrite: true, Groups: []uint32{7}}, false},
		{"no mask", aclBytes(owner, [3]uint32{aclGroupObj, rw, 0}, other), ACL{Extended: true, GroupWrite: true}, false},
		{"empty", nil, ACL{}, true},
		{"wrong version", []byte{1, 0, 0, 0}, ACL{}, true},
		{"torn entry", aclBytes(owner)[:9], ACL{}, true},
		{"unknown tag", aclBytes(owner, [3]uint32{0x40, rw, 0}), ACL{}, true},
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
	f.Add(aclBytes([3]uint32{aclUserObj, 6, 0}, [3]uint32{aclUser, 6, 1}, [3]uint32{aclMask, 6, 0}))
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
