//go:build unix

package signals

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/scopelog/scopelog/internal/wait"
)

// earlyChildEnv marks the copy of the test binary that TestEarlySignal
// starts, which runs the scenario in a fresh process: the early channel is
// per process and consumed by the first Notify for SIGUSR1.
const earlyChildEnv = "SCOPELOG_SIGNALS_EARLY_CHILD"

const earlyChildDone = "early reload ran"

func TestEarlySignal(t *testing.T) {
	if os.Getenv(earlyChildEnv) == "1" {
		earlyChild(t)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestEarlySignal$", "-test.count=1", "-test.timeout=60s")
	cmd.Env = append(os.Environ(), earlyChildEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				t.Fatalf("child killed by %v; output:\n%s", ws.Signal(), out)
			}
		}
		t.Fatalf("child: %v; output:\n%s", err, out)
	}
	if !strings.Contains(string(out), earlyChildDone) {
		t.Fatalf("child output lacks %q:\n%s", earlyChildDone, out)
	}
}

// earlyChild sends itself SIGUSR1 before any Notify, survives it, and has
// the first Notify for SIGUSR1, and only that one, replay it.
func earlyChild(t *testing.T) {
	raise(t, syscall.SIGUSR1)
	wait.For(t, "the early channel to catch SIGUSR1", func() bool { return len(early) == 1 })

	var other counter
	l2 := listen(other.reload, []os.Signal{syscall.SIGUSR2})
	defer l2.stop()
	if l2.replayed {
		t.Error("a listener for SIGUSR2 took over the early SIGUSR1")
	}

	var first counter
	l1 := listen(first.reload, []os.Signal{syscall.SIGUSR1})
	if !l1.replayed {
		t.Error("the first listener for SIGUSR1 did not take over the early signal")
	}
	first.waitCalls(t, 1)

	// After the takeover the early channel is unregistered. Stopping an
	// observer waits out the delivery, which would have filled early too.
	obs := make(chan os.Signal, 1)
	signal.Notify(obs, syscall.SIGUSR1)
	raise(t, syscall.SIGUSR1)
	select {
	case <-obs:
	case <-time.After(deadline):
		t.Error("timed out waiting for the observer to get SIGUSR1")
	}
	signal.Stop(obs)
	first.waitCalls(t, 2)
	if len(early) != 0 {
		t.Error("the early channel still gets SIGUSR1 after the takeover")
	}
	l1.stop()

	var second counter
	l3 := listen(second.reload, []os.Signal{syscall.SIGUSR1})
	l3.stop()
	if l3.replayed {
		t.Error("the early signal was replayed twice")
	}
	if n := other.calls.Load() + second.calls.Load(); n != 0 {
		t.Errorf("%d reloads by listeners that should not have had the early signal", n)
	}
	if !t.Failed() {
		fmt.Println(earlyChildDone)
	}
}
