package watcher_test

import (
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/internal/wait"
	"github.com/scopelog/scopelog/watcher"
)

const reloadDebounce = 50 * time.Millisecond

// A reload that fails is not retried for the same content; the fix reloads
// with no signal. The failure is logged at Debug only: the reload function
// reports its own errors, as the registry does at Error.
func TestFailedReloadRetriesOnNextChange(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "components")
	mustWrite(t, path, "http=info\n")
	r := newRecorder(path)
	r.result = func(content string) error {
		if strings.Contains(content, "bad") {
			return errors.New("components:1: bad level")
		}
		return nil
	}
	logger, logs := observed()
	start(t, r, watcher.WithDebounce(reloadDebounce), watcher.WithLogger(logger))

	writeAtomic(t, path, "http=bad\n")
	if got := waitReloads(t, r, 1); got != "http=bad\n" {
		t.Errorf("reload saw %q", got)
	}
	wait.For(t, "the failure logged at Debug", func() bool {
		return logged(logs, zapcore.DebugLevel, "reload failed") == 1
	})
	// The same bad bytes saved again: no retry storm.
	writeAtomic(t, path, "http=bad\n")
	stayQuiet(t, r, 1, 6*reloadDebounce)

	writeAtomic(t, path, "http=debug\n")
	if got := waitReloads(t, r, 2); got != "http=debug\n" {
		t.Errorf("reload saw %q after the fix", got)
	}
	stayQuiet(t, r, 2, 4*reloadDebounce)
	if n := logged(logs, zapcore.DebugLevel, "reload failed"); n != 1 {
		t.Errorf("got %d failures logged, want 1", n)
	}
	if n := logs.FilterLevelExact(zapcore.ErrorLevel).Len(); n != 0 {
		t.Errorf("got %d entries at Error: a failed reload must be reported once, by the reload function", n)
	}
}

func TestPanickingReloadIsContained(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "components")
	mustWrite(t, path, "http=info\n")
	r := newRecorder(path)
	r.result = func(content string) error {
		if content == "boom\n" {
			panic("parser bug")
		}
		return nil
	}
	logger, logs := observed()
	start(t, r, watcher.WithDebounce(reloadDebounce), watcher.WithLogger(logger))

	writeAtomic(t, path, "boom\n")
	waitReloads(t, r, 1)
	wait.For(t, "the panic logged at Error", func() bool {
		for _, e := range logs.FilterMessageSnippet("reload panicked").All() {
			if e.Level == zapcore.ErrorLevel && strings.Contains(e.ContextMap()["error"].(string), "parser bug") {
				return e.ContextMap()["stack"] != nil
			}
		}
		return false
	})
	writeAtomic(t, path, "http=debug\n")
	if got := waitReloads(t, r, 2); got != "http=debug\n" {
		t.Errorf("reload saw %q after the panic", got)
	}
}

// Changes made while a reload runs give exactly one more reload, after it,
// with the newest content; two reloads never overlap.
func TestReloadsNeverOverlap(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "components")
	mustWrite(t, path, "v0\n")
	r := newRecorder(path)
	release := make(chan struct{})
	r.block = release
	log, logs := observed()
	start(t, r, watcher.WithDebounce(reloadDebounce), watcher.WithLogger(log))

	writeAtomic(t, path, "v1\n")
	waitReloads(t, r, 1)
	// The first reload is stuck; the file keeps changing, and each change
	// is looked at on its own.
	looks := func() int { return logged(logs, zapcore.DebugLevel, "changed during a reload") }
	for _, v := range []string{"v2\n", "v3\n", "v4\n"} {
		n := looks()
		writeAtomic(t, path, v)
		wait.For(t, "the watcher to look at "+v, func() bool { return looks() > n })
	}
	stayQuiet(t, r, 1, 4*reloadDebounce)
	r.mu.Lock()
	r.block = nil
	r.mu.Unlock()
	close(release)

	if got := waitReloads(t, r, 2); got != "v4\n" {
		t.Errorf("the reload after the stuck one saw %q, want the newest content", got)
	}
	stayQuiet(t, r, 2, 4*reloadDebounce)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.maxActive != 1 {
		t.Errorf("%d reloads ran at once", r.maxActive)
	}
}

// A directory whose other files never stop changing cannot postpone the
// reload forever.
func TestBusyDirectoryDoesNotStarve(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "components")
	mustWrite(t, path, "http=info\n")
	r := newRecorder(path)
	start(t, r, watcher.WithDebounce(reloadDebounce))

	stop, stopped := make(chan struct{}), make(chan struct{})
	t.Cleanup(func() { close(stop); <-stopped })
	go func() {
		defer close(stopped)
		noise := filepath.Join(dir, "app.log")
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(reloadDebounce / 10):
			}
			_ = writeNoise(noise, i)
		}
	}()

	writeAtomic(t, path, "http=debug\n")
	if got := waitReloads(t, r, 1); got != "http=debug\n" {
		t.Errorf("reload saw %q", got)
	}
}

// A change that lands while a reload is out may be what that reload read.
// Here the reload is started for B, reads C, and the file then goes back to
// B within one quiet period: B must still be applied last, although it is
// what the reload was started for.
func TestChangeDuringReloadIsNotLost(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "components")
	mustWrite(t, path, "x\n")
	var (
		mu      sync.Mutex
		reads   []string
		started = make(chan struct{}, 10)
		gate    = make(chan struct{})
	)
	reload := func() error {
		started <- struct{}{}
		<-gate // stands for waiting behind a Reload from a signal
		mu.Lock()
		reads = append(reads, read(path))
		mu.Unlock()
		return nil
	}
	const debounce = 300 * time.Millisecond
	events := newGatedWatch()
	w, err := watcher.Watch(path, reload, watcher.WithDebounce(debounce), watcher.WithWatchFunc(events.newWatch))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	writeAtomic(t, path, "b\n")
	<-started
	n := events.received(path)
	writeAtomic(t, path, "c\n")
	// The watcher receives the event of c while the reload is out; the
	// assertion below holds whatever the timing, and this makes it the
	// case under test.
	events.waitReceived(t, path, n)
	close(gate)
	wait.For(t, "the reload that read c", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(reads) == 1
	})
	writeAtomic(t, path, "b\n")
	wait.For(t, "b applied last", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return reads[len(reads)-1] == "b\n"
	})
}
