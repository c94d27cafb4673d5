//go:build unix

package signals

import (
	"errors"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/scopelog/scopelog/internal/wait"
)

// The tests send real signals to their own process and must not steal each
// other's, so none of them runs in parallel.

// hupGuard keeps SIGHUP, whose default action ends a Go program, from
// killing the test binary should one arrive when no test listens for it.
// It is never read: it only has to be registered.
var hupGuard = make(chan os.Signal, 1)

func init() {
	signal.Notify(hupGuard, syscall.SIGHUP)
}

// raise sends sig to this process. For a signal to itself the kernel runs
// the handler before kill returns, so the Go runtime has it by then.
func raise(t testing.TB, sig syscall.Signal) {
	t.Helper()
	if err := syscall.Kill(os.Getpid(), sig); err != nil {
		t.Fatalf("kill %v: %v", sig, err)
	}
}

// counter is a reload function that counts its calls.
type counter struct {
	calls atomic.Int64
	err   error
}

func (c *counter) reload() error {
	c.calls.Add(1)
	return c.err
}

func (c *counter) waitCalls(t testing.TB, n int64) {
	t.Helper()
	wait.For(t, "reload", func() bool { return c.calls.Load() >= n })
	if got := c.calls.Load(); got != n {
		t.Fatalf("reload called %d times, want %d", got, n)
	}
}

func TestSignalTriggersReload(t *testing.T) {
	var c counter
	stop := Notify(c.reload)
	defer stop()

	raise(t, syscall.SIGUSR1)
	c.waitCalls(t, 1)
	raise(t, syscall.SIGUSR1)
	c.waitCalls(t, 2)
}

// A Go program ignores a SIGUSR2 nobody listens for, so a registration that
// happened after Notify returned would lose the signal and time out.
func TestRegisteredBeforeNotifyReturns(t *testing.T) {
	for range 50 {
		var c counter
		stop := Notify(c.reload, syscall.SIGUSR2)
		raise(t, syscall.SIGUSR2)
		c.waitCalls(t, 1)
		stop()
	}
}

func TestCustomSignals(t *testing.T) {
	var c counter
	stop := Notify(c.reload, syscall.SIGUSR2, syscall.SIGHUP)
	defer stop()

	raise(t, syscall.SIGUSR2)
	c.waitCalls(t, 1)
	raise(t, syscall.SIGHUP)
	c.waitCalls(t, 2)
}

func TestFailedReloadKeepsListening(t *testing.T) {
	c := counter{err: errors.New("invalid components file")}
	stop := Notify(c.reload)
	defer stop()

	for i := int64(1); i <= 3; i++ {
		raise(t, syscall.SIGUSR1)
		c.waitCalls(t, i)
	}
}

// TestBurst sends 100 signals as fast as it can, each announcing a newer
// state, while the reloads take a while.
func TestBurst(t *testing.T) {
	const signals = 100
	var (
		want, applied atomic.Int64 // the newest state, and the one applied
		reloads       atomic.Int64
		inFlight      atomic.Int64
		overlapped    atomic.Bool
		maxExtra      atomic.Int64 // goroutines above baseline seen in reload
	)
	baseline := runtime.NumGoroutine()
	reload := func() error {
		if inFlight.Add(1) > 1 {
			overlapped.Store(true)
		}
		defer inFlight.Add(-1)
		reloads.Add(1)
		if extra := int64(runtime.NumGoroutine() - baseline); extra > maxExtra.Load() {
			maxExtra.Store(extra) // only this goroutine writes
		}
		w := want.Load()
		time.Sleep(200 * time.Microsecond) // the work of reading a file, so signals land mid-reload
		applied.Store(w)
		return nil
	}
	stop := Notify(reload)

	for i := int64(1); i <= signals; i++ {
		want.Store(i)
		raise(t, syscall.SIGUSR1)
	}
	// Only a reload that starts after the last signal applies state 100.
	wait.For(t, "the last state to be applied", func() bool { return applied.Load() == signals })
	stop()

	n := reloads.Load()
	t.Logf("%d signals gave %d reloads", signals, n)
	if n < 1 || n > signals {
		t.Errorf("%d reloads for %d signals, want between 1 and %d", n, signals, signals)
	}
	if overlapped.Load() {
		t.Error("two reloads ran at the same time")
	}
	// One goroutine per Notify. Allow one more for the runtime's finalizer
	// goroutine, which counts while it runs.
	if extra := maxExtra.Load(); extra > 2 {
		t.Errorf("%d goroutines above baseline during the burst, want 1", extra)
	}
	wait.For(t, "goroutines back to baseline", func() bool { return runtime.NumGoroutine() <= baseline })
}

// TestCoalesce holds a reload while more signals arrive, and checks that
// they queue exactly one more reload.
func TestCoalesce(t *testing.T) {
	var calls atomic.Int64
	entered := make(chan int64, 8)
	release := make(chan struct{})
	l := listen(func() error {
		entered <- calls.Add(1)
		<-release
		return nil
	}, []os.Signal{syscall.SIGUSR2})
	defer l.stop()
	defer close(release) // lets a failing test's held reloads go before stop
	recvDeadline := func(what string) int64 {
		t.Helper()
		select {
		case n := <-entered:
			return n
		case <-time.After(deadline):
			t.Fatalf("timed out waiting for %s", what)
			return 0
		}
	}

	raise(t, syscall.SIGUSR2)
	if n := recvDeadline("first reload"); n != 1 {
		t.Fatalf("reload %d started, want 1", n)
	}

	// An observer sees each signal once the runtime delivers it, so the
	// signals are distinct rather than merged by the kernel. Stopping the
	// observer then waits out a delivery still in progress, after which our
	// channel holds all it will ever get from them.
	obs := make(chan os.Signal, 1)
	signal.Notify(obs, syscall.SIGUSR2)
	for range 10 {
		raise(t, syscall.SIGUSR2)
		select {
		case <-obs:
		case <-time.After(deadline):
			signal.Stop(obs)
			t.Fatal("timed out waiting for the observer to get the signal")
		}
	}
	signal.Stop(obs)
	if n := len(l.ch); n != 1 {
		t.Fatalf("%d reloads queued behind the running one, want 1", n)
	}

	release <- struct{}{}
	if n := recvDeadline("the queued reload"); n != 2 {
		t.Fatalf("reload %d started, want 2", n)
	}
	if n := len(l.ch); n != 0 {
		t.Fatalf("%d reloads still queued after the queued one started, want 0", n)
	}
	release <- struct{}{}
	l.stop()
	if n := calls.Load(); n != 2 {
		t.Fatalf("%d reloads, want 2", n)
	}
}

func TestStopWaitsForReload(t *testing.T) {
	entered := make(chan struct{})
	release := make(chan struct{})
	var returned atomic.Bool
	enter := sync.OnceFunc(func() { close(entered) })
	l := listen(func() error {
		enter()
		<-release
		returned.Store(true)
		return nil
	}, []os.Signal{syscall.SIGUSR1})
	releaseOnce := sync.OnceFunc(func() { close(release) })
	defer l.stop()
	defer releaseOnce() // lets a failing test's held reload go before stop

	raise(t, syscall.SIGUSR1)
	select {
	case <-entered:
	case <-time.After(deadline):
		t.Fatal("timed out waiting for the reload")
	}

	// Several concurrent stops: each must wait for the reload.
	const stoppers = 8
	var (
		wg    sync.WaitGroup
		early atomic.Int64
	)
	stopped := make(chan struct{})
	for range stoppers {
		wg.Go(func() {
			l.stop()
			if !returned.Load() {
				early.Add(1)
			}
		})
	}
	go func() { wg.Wait(); close(stopped) }()

	// Once quit is closed a stop call is past its own work and can only be
	// waiting for the reload.
	wait.For(t, "stop to be called", func() bool {
		select {
		case <-l.quit:
			return true
		default:
			return false
		}
	})
	select {
	case <-stopped:
		t.Fatal("stop returned while the reload was still running")
	default:
	}

	releaseOnce()
	select {
	case <-stopped:
	case <-time.After(deadline):
		t.Fatal("stop did not return after the reload finished")
	}
	if n := early.Load(); n != 0 {
		t.Errorf("%d of %d stop calls returned before the reload did", n, stoppers)
	}
	l.stop() // once more, after the fact
}

// TestStopLeavesHostHandler checks that stop unregisters only its own
// channel: the program's own handler of the same signal keeps working.
func TestStopLeavesHostHandler(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGUSR1, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			host := make(chan os.Signal, 1)
			signal.Notify(host, sig)
			defer signal.Stop(host)
			recvHost := func() {
				t.Helper()
				select {
				case <-host:
				case <-time.After(deadline):
					t.Fatal("the host's handler did not get the signal")
				}
			}

			var c counter
			stop := Notify(c.reload, sig)
			raise(t, sig)
			c.waitCalls(t, 1)
			recvHost()
			stop()

			raise(t, sig)
			recvHost()
			if n := c.calls.Load(); n != 1 {
				t.Errorf("reload called %d times, want 1: called after stop", n)
			}
		})
	}
}
