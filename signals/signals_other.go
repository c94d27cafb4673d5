//go:build !unix

package signals

import "os"

// defaultSignals is empty where there is no SIGUSR1: no other signal is a
// safe stand-in, since the common ones (os.Interrupt) already mean "stop".
func defaultSignals() []os.Signal { return nil }

func takeEarly([]os.Signal) (os.Signal, bool) { return nil, false }
