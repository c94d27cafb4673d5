package signals

import (
	"os"
	"os/signal"
	"sync"
)

// Notify calls reload each time one of sigs arrives, until the returned stop
// function is called. With no sigs it listens for SIGUSR1; on systems without
// SIGUSR1 (Windows) it then does nothing, see the package documentation.
//
// The signals are registered before Notify returns, so a signal sent after
// that is never lost. Calls to reload run one at a time on a single goroutine
// owned by this call; signals that arrive while a reload runs queue at most
// one more reload. An error from reload does not stop the listening: the
// reload function is expected to report its own errors.
//
// stop unregisters only this call's channel, so other handlers of the same
// signals keep working, then waits for a reload in progress to return. It may
// be called any number of times from any goroutine, but not from within
// reload, where it would wait for itself.
//
// Notify panics if reload is nil: that is a programming error, and a silent
// no-op would leave an operator's signals unanswered.
func Notify(reload func() error, sigs ...os.Signal) (stop func()) {
	if reload == nil {
		panic("signals: Notify with a nil reload function")
	}
	if len(sigs) == 0 {
		sigs = defaultSignals()
	}
	// signal.Notify with no signals means every signal, so an empty list
	// (no default on this system) must not reach it.
	if len(sigs) == 0 {
		return func() {}
	}
	return listen(reload, sigs).stop
}

// listener is the state behind one Notify call.
type listener struct {
	reload func() error
	ch     chan os.Signal
	quit   chan struct{} // closed by stop
	done   chan struct{} // closed when loop has returned
	once   sync.Once

	// replayed records that a SIGUSR1 caught before this call was handed
	// over to it; only tests read it.
	replayed bool
}

func listen(reload func() error, sigs []os.Signal) *listener {
	l := &listener{
		reload: reload,
		// One slot is the whole coalescing policy. The runtime drops a
		// signal when the slot is taken, so at most one reload queues behind
		// the running one, and a signal that arrives mid-reload still gets a
		// reload that starts after it.
		ch:   make(chan os.Signal, 1),
		quit: make(chan struct{}),
		done: make(chan struct{}),
	}
	signal.Notify(l.ch, sigs...)
	if sig, ok := takeEarly(sigs); ok {
		l.replayed = true
		select {
		case l.ch <- sig:
		default: // a real signal is already queued; one reload covers both
		}
	}
	go l.loop()
	return l
}

func (l *listener) loop() {
	defer close(l.done)
	for {
		select {
		case <-l.quit:
			return
		case <-l.ch:
		}
		// When a signal and stop are both ready, select picks at random;
		// stop wins so that no reload starts after stop was called.
		select {
		case <-l.quit:
			return
		default:
		}
		// The error is the reload function's to report (the registry logs it
		// and keeps the last good levels); a bad file must not end the
		// listening.
		_ = l.reload()
	}
}

func (l *listener) stop() {
	l.once.Do(func() {
		signal.Stop(l.ch)
		close(l.quit)
	})
	<-l.done
}
