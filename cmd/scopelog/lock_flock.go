//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

	"github.com/scopelog/scopelog/internal/termsafe"
)

// dirLocks says whether lockDir locks.
const dirLocks = true

// lockDir takes an exclusive advisory lock (flock) on the directory dir and
// returns its release: the edits of one components file by several runs of
// the command take turns, from the read to the rename. Locking the
// directory, whose inode the rename keeps, rather than the file, which it
// replaces, leaves no lock file beside the components file for the process
// to notice. The kernel releases the lock if the command dies. When another
// run holds it, lockDir says so on waiting, then waits.
func lockDir(dir string, waiting io.Writer) (unlock func(), err error) {
	d, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	fd := int(d.Fd())
	err = flock(fd, syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		fmt.Fprintf(waiting, "scopelog: waiting for another edit in %s to finish\n", termsafe.Escape(dir))
		err = flock(fd, syscall.LOCK_EX)
	}
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("cannot lock %s for the edit: %w", dir, err)
	}
	return func() { d.Close() }, nil // closing the descriptor releases the lock
}

func flock(fd, how int) error {
	for {
		if err := syscall.Flock(fd, how); !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}
