//go:build !linux && !darwin && !freebsd

package adminsock

import (
	"errors"
	"net"
)

// Supported reports whether this system can serve a socket: whether this
// package can read the peer credentials of a connection. Here it cannot.
const Supported = false

func peerUID(*net.UnixConn) (int, error) {
	return -1, errors.ErrUnsupported
}
