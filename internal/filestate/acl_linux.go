package filestate

import (
	"encoding/binary"
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// aclName is the extended attribute that holds a file's POSIX access ACL.
const aclName = "system.posix_acl_access"

// aclOf reads the access ACL of path, following symlinks.
func aclOf(path string) (ACL, error) {
	return readACL(path, func(buf []byte) (int, error) { return unix.Getxattr(path, aclName, buf) })
}

// aclOfFile reads the access ACL of the open file f.
func aclOfFile(f *os.File) (ACL, error) {
	conn, err := f.SyscallConn()
	if err != nil {
		return ACL{}, err
	}
	var acl ACL
	var aerr error
	if err := conn.Control(func(fd uintptr) {
		acl, aerr = readACL(f.Name(), func(buf []byte) (int, error) { return unix.Fgetxattr(int(fd), aclName, buf) })
	}); err != nil {
		return ACL{}, err
	}
	return acl, aerr
}

// readACL calls get with a buffer until it is large enough. No ACL, and a
// file system without ACLs, are the zero ACL.
func readACL(path string, get func([]byte) (int, error)) (ACL, error) {
	buf := make([]byte, aclHeader+16*aclEntry)
	for {
		n, err := get(buf)
		switch {
		case err == nil:
			acl, err := parseACL(buf[:n])
			if err != nil {
				return ACL{}, &os.PathError{Op: "read ACL", Path: path, Err: err}
			}
			return acl, nil
		case errors.Is(err, unix.ENODATA), errors.Is(err, unix.ENOTSUP), errors.Is(err, unix.EOPNOTSUPP):
			return ACL{}, nil
		case errors.Is(err, unix.ERANGE) && len(buf) < 1<<16:
			// The kernel caps an ACL's entries well below this.
			buf = make([]byte, 4*len(buf))
		default:
			return ACL{}, &os.PathError{Op: "getxattr " + aclName, Path: path, Err: err}
		}
	}
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
