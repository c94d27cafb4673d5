package filestate

import (
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
