//go:build linux || darwin || freebsd

package adminsock

import "net"

// Supported reports whether this system can serve a socket: whether this
// package can read the peer credentials of a connection.
const Supported = true

// peerUID returns the effective uid of the process at the other end of c,
// as the kernel recorded it when that process connected.
func peerUID(c *net.UnixConn) (int, error) {
	raw, err := c.SyscallConn()
	if err != nil {
		return -1, err
	}
	uid, uerr := -1, error(nil)
	if err := raw.Control(func(fd uintptr) { uid, uerr = uidOf(int(fd)) }); err != nil {
		return -1, err
	}
	return uid, uerr
}
