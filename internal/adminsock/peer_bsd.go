//go:build darwin || freebsd

package adminsock

import (
	"net"

	"golang.org/x/sys/unix"
)

// Supported reports whether this system can serve a socket: whether this
// package can read the peer credentials of a connection.
const Supported = true

// peerUID returns the effective uid of the process at the other end of c,
// as the kernel recorded it when it connected (LOCAL_PEERCRED, which
// getpeereid reads too).
func peerUID(c *net.UnixConn) (int, error) {
	raw, err := c.SyscallConn()
	if err != nil {
		return -1, err
	}
	var cred *unix.Xucred
	var serr error
	if err := raw.Control(func(fd uintptr) {
		cred, serr = unix.GetsockoptXucred(int(fd), unix.SOL_LOCAL, unix.LOCAL_PEERCRED)
	}); err != nil {
		return -1, err
	}
	if serr != nil {
		return -1, serr
	}
	return int(cred.Uid), nil
}
