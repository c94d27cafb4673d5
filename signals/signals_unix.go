//go:build unix

package signals

import (
	"os"
	"os/signal"
	"slices"
	"sync"
	"syscall"
)

var (
	// early holds a SIGUSR1 that arrives before any Notify listens for it,
	// so that the first such Notify can replay it. One slot is enough: a
	// burst of early signals asks for one reload, like any other burst.
	early     = make(chan os.Signal, 1)
	earlyOnce sync.Once
)

func init() {
	signal.Notify(early, syscall.SIGUSR1)
}

func defaultSignals() []os.Signal {
	return []os.Signal{syscall.SIGUSR1}
}

// takeEarly hands the early SIGUSR1, if any, to the first listener for
// SIGUSR1, and unregisters the early channel. The caller must already have
// registered its own channel, so that no signal falls between the two.
//
// Unregistering keeps the early channel's job to the start-up window. Were
// it kept, it would also catch every signal that a listener handles, and a
// later Notify could not tell such a stale signal from a fresh one.
func takeEarly(sigs []os.Signal) (sig os.Signal, ok bool) {
	if !slices.Contains(sigs, os.Signal(syscall.SIGUSR1)) {
		return nil, false
	}
	earlyOnce.Do(func() {
		signal.Stop(early)
		select {
		case sig = <-early:
			ok = true
		default:
		}
	})
	return sig, ok
}
