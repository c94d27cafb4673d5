//go:build darwin || freebsd

package adminsock

import "golang.org/x/sys/unix"

// uidOf reads the peer's uid of the socket fd with LOCAL_PEERCRED, which
// getpeereid reads too.
func uidOf(fd int) (int, error) {
	cred, err := unix.GetsockoptXucred(fd, unix.SOL_LOCAL, unix.LOCAL_PEERCRED)
	if err != nil {
		return -1, err
	}
	return int(cred.Uid), nil
}
