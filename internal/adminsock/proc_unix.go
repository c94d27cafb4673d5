//go:build unix

package adminsock

import (
	"errors"
	"syscall"
)

// gone reports whether no process has the id pid: kill with signal 0 finds
// none. A process of another user (EPERM) exists.
func gone(pid int) bool {
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
