package filestate

import (
	"encoding/binary"
	"errors"
)

// ACL is what a POSIX access ACL lets others write, as the trust checks
// judge it: each grant already limited by the ACL's mask, which caps every
// entry but the owner's and the others'. The zero ACL is a file without one,
// whose mode bits say everything.
type ACL struct {
	Extended   bool     // the file has an ACL beyond its mode bits (ls shows "+")
	GroupWrite bool     // the owning group may write; when Extended, this replaces the mode's group write bit, which then shows the mask
	Users      []uint32 // named users who may write, by uid
	Groups     []uint32 // named groups who may write, by gid
}

// The layout of the system.posix_acl_access extended attribute, as Linux
// stores it: a little-endian version, then entries of a tag, permission
// bits and an id.
const (
	aclVersion  = 2
	aclHeader   = 4
	aclEntry    = 8
	aclUserObj  = 0x01
	aclUser     = 0x02
	aclGroupObj = 0x04
	aclGroup    = 0x08
	aclMask     = 0x10
	aclOther    = 0x20
	aclWrite    = 0x02
)

var errACL = errors.New("malformed POSIX ACL")

// parseACL reads the value of a system.posix_acl_access attribute.
func parseACL(b []byte) (ACL, error) {
	if len(b) < aclHeader || binary.LittleEndian.Uint32(b) != aclVersion || (len(b)-aclHeader)%aclEntry != 0 {
		return ACL{}, errACL
	}
	entries := b[aclHeader:]
	// Without a mask, the group entry is not capped; with named entries a
	// mask is required, and the kernel never stores an ACL without one.
	mask := uint16(aclWrite)
	for e := entries; len(e) > 0; e = e[aclEntry:] {
		if binary.LittleEndian.Uint16(e) == aclMask {
			mask = binary.LittleEndian.Uint16(e[2:])
		}
	}
	acl := ACL{Extended: true}
	for e := entries; len(e) > 0; e = e[aclEntry:] {
		tag, perm, id := binary.LittleEndian.Uint16(e), binary.LittleEndian.Uint16(e[2:]), binary.LittleEndian.Uint32(e[4:])
		write := perm&mask&aclWrite != 0
		switch tag {
		case aclUserObj, aclOther, aclMask:
			// The owner's and the others' are the mode's bits.
		case aclGroupObj:
			acl.GroupWrite = write
		case aclUser:
			if write {
				acl.Users = append(acl.Users, id)
			}
		case aclGroup:
			if write {
				acl.Groups = append(acl.Groups, id)
			}
		default:
			return ACL{}, errACL
		}
	}
	return acl, nil
}
