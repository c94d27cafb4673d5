//go:build unix

package signals_test

import (
	"errors"
	"fmt"
	"os"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/scopelog/scopelog/signals"
)

// kill stands in for an operator running kill -<sig> <pid>.
func kill(sig syscall.Signal) {
	if err := syscall.Kill(os.Getpid(), sig); err != nil {
		fmt.Println(err)
	}
}

// wait reports what happened within a generous time.
func wait(c <-chan string) {
	select {
	case s := <-c:
		fmt.Println(s)
	case <-time.After(10 * time.Second):
		fmt.Println("no reload")
	}
}

func ExampleNotify() {
	done := make(chan string, 1)
	reload := func() error { // in a program: reg.Reload
		done <- "reloaded"
		return nil
	}

	stop := signals.Notify(reload) // SIGUSR1
	defer stop()

	kill(syscall.SIGUSR1)
	wait(done)
	// Output: reloaded
}

// A host whose log rotation already sends SIGUSR1 listens for SIGUSR2,
// sent by systemd with ExecReload=/bin/kill -USR2 $MAINPID.
func ExampleNotify_otherSignal() {
	done := make(chan string, 1)
	reload := func() error {
		done <- "reloaded on SIGUSR2"
		return nil
	}

	stop := signals.Notify(reload, syscall.SIGUSR2)
	defer stop()

	kill(syscall.SIGUSR2)
	wait(done)
	// Output: reloaded on SIGUSR2
}

// A reload that fails, say for a file that does not parse, does not end the
// listening: the next signal reloads again.
func ExampleNotify_failedReload() {
	done := make(chan string, 1)
	var valid atomic.Bool
	reload := func() error {
		if !valid.Load() {
			done <- "reload failed"
			return errors.New("components: line 3: unknown level")
		}
		done <- "reloaded"
		return nil
	}

	stop := signals.Notify(reload)
	defer stop()

	kill(syscall.SIGUSR1)
	wait(done)

	valid.Store(true) // the operator fixes the file
	kill(syscall.SIGUSR1)
	wait(done)
	// Output:
	// reload failed
	// reloaded
}
