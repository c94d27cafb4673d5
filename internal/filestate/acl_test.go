package filestate

import (
	"encoding/binary"
	"slices"
	"testing"
)

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
