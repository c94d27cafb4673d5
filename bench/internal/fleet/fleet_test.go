package fleet

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// binDir holds the child program, built once for all tests, or is "".
var binDir string

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m, goleak.Cleanup(func(int) {
		if binDir != "" {
			os.RemoveAll(binDir)
		}
	}))
}

var built = sync.OnceValues(func() (string, error) {
	var err error
	if binDir, err = os.MkdirTemp("", "scopelog-fleet-test-"); err != nil {
		return "", err
	}
	var flags []string
	if raceEnabled {
		flags = append(flags, "-race") // the library's own races, in the processes
	}
	return Build(binDir, flags...)
})

func child(t *testing.T) string {
	t.Helper()
	bin, err := built()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// TestRun is the fleet's smoke run, as in CI: three processes, two updates.
// It checks that every process acknowledges every update, and turns the
// rule off at its instant, never before; not how fast, which a loaded
// machine decides.
func TestRun(t *testing.T) {
	// The default lead, 1 s, leaves a loaded machine ten quiet periods to
	// acknowledge an update before its rule expires.
	cfg := Config{Child: child(t), Dir: t.TempDir(), N: 3, Rounds: 2, Warmup: 1}
	res, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Ack) != 6 || len(res.AckSpread) != 2 {
		t.Fatalf("%d acknowledgements in %d rounds, want 6 in 2, the warm-up left out", len(res.Ack), len(res.AckSpread))
	}
	// The watcher reloads a quiet period after the rename's event, which
	// came after the swap's time stamp. The millisecond allows for the
	// wall clock being slewed meanwhile.
	for _, d := range res.Ack {
		if d < res.Config.Debounce-time.Millisecond {
			t.Errorf("a process acknowledged %v after the swap, before its watcher's quiet period of %v", d, res.Config.Debounce)
		}
	}
	if len(res.Expiry) != 6 || len(res.ExpirySpread) != 2 {
		t.Fatalf("%d expiries in %d rounds, want 6 in 2", len(res.Expiry), len(res.ExpirySpread))
	}
	for _, d := range res.Expiry {
		if d < 0 {
			t.Errorf("a process turned the rule off %v before its until= instant", -d)
		}
	}
}

// A process that exits fails the run with what it wrote, and the others are
// stopped.
func TestRunExited(t *testing.T) {
	// The test binary rejects the child's flags and exits at once.
	cfg := Config{Child: os.Args[0], Dir: t.TempDir(), N: 2, Timeout: 5 * time.Second}
	_, err := Run(context.Background(), cfg)
	if err == nil || !strings.Contains(err.Error(), "exited") || !strings.Contains(err.Error(), "exit status 2") {
		t.Errorf("Run with processes that exit: %v, want an error saying one exited, with its output", err)
	}
}

func TestRunCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, Config{Child: child(t), Dir: t.TempDir(), N: 2}); !errors.Is(err, context.Canceled) {
		t.Errorf("Run with a canceled context: %v, want context.Canceled", err)
	}
}

func TestRunConfig(t *testing.T) {
	if _, err := Run(context.Background(), Config{N: 1}); err == nil {
		t.Error("Run with no child nor directory succeeded")
	}
}

// A process that does not log what is awaited fails the run at the
// deadline, naming it.
func TestRunTimeout(t *testing.T) {
	// The last process cannot have logged anything by the deadline, which
	// has passed when its start returns; the first may have.
	cfg := Config{Child: child(t), Dir: t.TempDir(), N: 2, Timeout: time.Nanosecond}
	_, err := Run(context.Background(), cfg)
	if err == nil || !strings.Contains(err.Error(), "timed out waiting for the first load") || !strings.Contains(err.Error(), "process 1 did not log it") {
		t.Errorf("Run with no time to wait: %v, want a time-out naming the processes", err)
	}
}
