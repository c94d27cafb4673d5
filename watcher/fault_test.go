package watcher_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/internal/wait"
	"github.com/scopelog/scopelog/watcher"
)

// fakeWatch is a file-system watch that delivers no events of its own: the
// test decides what arrives and when it breaks.
type fakeWatch struct {
	events chan fsnotify.Event
	errs   chan error
	addErr error
	once   sync.Once
	closed chan struct{}
}

func newFakeWatch(addErr error) *fakeWatch {
	return &fakeWatch{
		events: make(chan fsnotify.Event),
		errs:   make(chan error),
		addErr: addErr,
		closed: make(chan struct{}),
	}
}

func (f *fakeWatch) Add(string) error              { return f.addErr }
func (f *fakeWatch) Remove(string) error           { return nil }
func (f *fakeWatch) Events() <-chan fsnotify.Event { return f.events }
func (f *fakeWatch) Errors() <-chan error          { return f.errs }
func (f *fakeWatch) Close() error                  { f.once.Do(func() { close(f.closed) }); return nil }
func (f *fakeWatch) isClosed() bool {
	select {
	case <-f.closed:
		return true
	default:
		return false
	}
}

// inject hands err to the watcher as fsnotify would.
func (f *fakeWatch) inject(t *testing.T, err error) {
	t.Helper()
	select {
	case f.errs <- err:
	case <-time.After(deadline):
		t.Fatal("the watcher did not read its error channel")
	}
}

// factory returns the given fake watches in turn, then real fsnotify watches;
// while fail is set it fails as inotify does when out of descriptors.
type factory struct {
	mu    sync.Mutex
	fakes []*fakeWatch
	fail  bool
	calls atomic.Int32
}

func (f *factory) newWatch() (watcher.FSWatch, error) {
	f.calls.Add(1)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail {
		return nil, fmt.Errorf("inotify_init1: %w", syscall.EMFILE)
	}
	if len(f.fakes) > 0 {
		w := f.fakes[0]
		f.fakes = f.fakes[1:]
		return w, nil
	}
	return watcher.NewNotifyWatch()
}

func (f *factory) setFail(v bool) {
	f.mu.Lock()
	f.fail = v
	f.mu.Unlock()
}

const (
	faultDebounce = 50 * time.Millisecond
	faultPoll     = 50 * time.Millisecond
)

func TestPollsWhenNoWatchCanBeMade(t *testing.T) {
	tests := []struct {
		name     string
		newWatch func() (watcher.FSWatch, error)
	}{
		{"watcher creation fails with EMFILE", func() (watcher.FSWatch, error) {
			return nil, fmt.Errorf("inotify_init1: %w", syscall.EMFILE)
		}},
		{"adding the directory fails with ENOSPC", func() (watcher.FSWatch, error) {
			return newFakeWatch(fmt.Errorf("inotify_add_watch: %w", syscall.ENOSPC)), nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var calls atomic.Int32
			path := filepath.Join(t.TempDir(), "components")
			mustWrite(t, path, "http=info\n")
			r := newRecorder(path)
			logger, logs := observed()
			start(t, r, watcher.WithDebounce(faultDebounce), watcher.WithPollInterval(faultPoll),
				watcher.WithLogger(logger), watcher.WithWatchFunc(func() (watcher.FSWatch, error) {
					calls.Add(1)
					return tt.newWatch()
				}))
			if n := logged(logs, zapcore.ErrorLevel, "degraded"); n != 1 {
				t.Errorf("got %d Error entries saying degraded, want 1", n)
			}

			writeAtomic(t, path, "http=debug\n")
			if got := waitReloads(t, r, 1); got != "http=debug\n" {
				t.Errorf("reload saw %q", got)
			}
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			if got := waitReloads(t, r, 2); got != missingFile {
				t.Errorf("reload saw %q, want the file missing", got)
			}
			stayQuiet(t, r, 2, 4*faultPoll)
			if n := logged(logs, zapcore.ErrorLevel, "degraded"); n != 1 {
				t.Errorf("got %d Error entries saying degraded, want still 1", n)
			}
			if n := calls.Load(); n < 3 {
				t.Errorf("made %d attempts to watch, want one per poll", n)
			}
		})
	}
}

func TestRecoversFromDegradedMode(t *testing.T) {
	t.Parallel()
	f := &factory{fail: true}
	path := filepath.Join(t.TempDir(), "components")
	mustWrite(t, path, "http=info\n")
	r := newRecorder(path)
	logger, logs := observed()
	start(t, r, watcher.WithDebounce(faultDebounce), watcher.WithPollInterval(faultPoll),
		watcher.WithLogger(logger), watcher.WithWatchFunc(f.newWatch))
	wait.For(t, "a few failed attempts", func() bool { return f.calls.Load() >= 3 })

	f.setFail(false)
	wait.For(t, "watcher recovered at Info", func() bool {
		return logged(logs, zapcore.InfoLevel, "watcher recovered") == 1
	})
	writeAtomic(t, path, "http=debug\n")
	if got := waitReloads(t, r, 1); got != "http=debug\n" {
		t.Errorf("reload saw %q", got)
	}
	stayQuiet(t, r, 1, 4*faultDebounce)
}

func TestOverflowRescans(t *testing.T) {
	t.Parallel()
	fake := newFakeWatch(nil)
	f := &factory{fakes: []*fakeWatch{fake}}
	path := filepath.Join(t.TempDir(), "components")
	mustWrite(t, path, "http=info\n")
	r := newRecorder(path)
	logger, logs := observed()
	start(t, r, watcher.WithDebounce(faultDebounce), watcher.WithPollInterval(time.Hour),
		watcher.WithLogger(logger), watcher.WithWatchFunc(f.newWatch))

	// The change's events are lost: nothing reloads...
	writeAtomic(t, path, "http=debug\n")
	stayQuiet(t, r, 0, 6*faultDebounce)
	// ...until the overflow that reports their loss.
	fake.inject(t, fmt.Errorf("read: %w", fsnotify.ErrEventOverflow))
	if got := waitReloads(t, r, 1); got != "http=debug\n" {
		t.Errorf("reload saw %q", got)
	}
	// An error that arrives while a reload is out makes what it read
	// unknown, and rightly reloads again: wait until the watcher has seen
	// this one end (it logs the outcome once it has) before the next.
	wait.For(t, "the end of the reload", func() bool { return logged(logs, zapcore.DebugLevel, "watcher: reloaded") == 1 })
	if n := logged(logs, zapcore.WarnLevel, "events were lost"); n != 1 {
		t.Errorf("got %d Warn entries about lost events, want 1", n)
	}
	// Unchanged content: a second overflow rescans but does not reload.
	fake.inject(t, fsnotify.ErrEventOverflow)
	stayQuiet(t, r, 1, 6*faultDebounce)
	// Any other watch error also rescans and keeps the watch.
	writeAtomic(t, path, "http=warn\n")
	fake.inject(t, errors.New("read: input/output error"))
	if got := waitReloads(t, r, 2); got != "http=warn\n" {
		t.Errorf("reload saw %q", got)
	}
	if fake.isClosed() {
		t.Error("the watch was closed after an ordinary error")
	}
}

func TestWatchThatStops(t *testing.T) {
	tests := []struct {
		name    string
		stop    func(*fakeWatch)
		recover bool // whether a new watch can be made
	}{
		{"events channel closed, new watch made", func(f *fakeWatch) { close(f.events) }, true},
		{"errors channel closed, new watch made", func(f *fakeWatch) { close(f.errs) }, true},
		{"events channel closed, no new watch", func(f *fakeWatch) { close(f.events) }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := newFakeWatch(nil)
			f := &factory{fakes: []*fakeWatch{fake}}
			path := filepath.Join(t.TempDir(), "components")
			mustWrite(t, path, "http=info\n")
			r := newRecorder(path)
			logger, logs := observed()
			start(t, r, watcher.WithDebounce(faultDebounce), watcher.WithPollInterval(faultPoll),
				watcher.WithLogger(logger), watcher.WithWatchFunc(f.newWatch))

			f.setFail(!tt.recover)
			tt.stop(fake)
			if tt.recover {
				wait.For(t, "watching again", func() bool {
					return logged(logs, zapcore.InfoLevel, "watching again") == 1
				})
			} else {
				wait.For(t, "degraded at Error", func() bool {
					return logged(logs, zapcore.ErrorLevel, "degraded") == 1
				})
			}
			if !fake.isClosed() {
				t.Error("the broken watch was not closed")
			}
			writeAtomic(t, path, "http=debug\n")
			if got := waitReloads(t, r, 1); got != "http=debug\n" {
				t.Errorf("reload saw %q", got)
			}
			stayQuiet(t, r, 1, 4*faultDebounce)
		})
	}
}

func TestParentDirectoryRemovedAndRecreated(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "conf")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "components")
	mustWrite(t, path, "http=info\n")
	r := newRecorder(path)
	logger, logs := observed()
	start(t, r, watcher.WithDebounce(faultDebounce), watcher.WithPollInterval(faultPoll),
		watcher.WithLogger(logger))

	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if got := waitReloads(t, r, 1); got != missingFile {
		t.Errorf("reload saw %q, want the file missing", got)
	}
	wait.For(t, "degraded at Error", func() bool {
		return logged(logs, zapcore.ErrorLevel, "degraded") == 1
	})

	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeAtomic(t, path, "http=debug\n")
	if got := waitReloads(t, r, 2); got != "http=debug\n" {
		t.Errorf("reload saw %q after re-creation", got)
	}
	wait.For(t, "watcher recovered at Info", func() bool {
		return logged(logs, zapcore.InfoLevel, "watcher recovered") == 1
	})
	writeAtomic(t, path, "http=warn\n")
	if got := waitReloads(t, r, 3); got != "http=warn\n" {
		t.Errorf("reload saw %q after recovery", got)
	}
}

// A directory swapped for a new one between two looks must not leave the
// watcher watching the deleted one.
func TestParentDirectoryReplaced(t *testing.T) {
	t.Parallel()
	base := t.TempDir()
	dir := filepath.Join(base, "conf")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "components")
	mustWrite(t, path, "http=info\n")
	r := newRecorder(path)
	start(t, r, watcher.WithDebounce(faultDebounce), watcher.WithPollInterval(faultPoll))

	next := filepath.Join(base, "conf.new")
	if err := os.Mkdir(next, 0o755); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, filepath.Join(next, "components"), "http=debug\n")
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(next, dir); err != nil {
		t.Fatal(err)
	}
	wait.For(t, "the new directory's content", func() bool { return r.last() == "http=debug\n" })
	n := r.count()
	writeAtomic(t, path, "http=warn\n")
	if got := waitReloads(t, r, n+1); got != "http=warn\n" {
		t.Errorf("reload saw %q in the new directory", got)
	}
}

// Events that never arrive, with no error to say so, are made up for by the
// stat comparison at each poll interval.
func TestRevalidationCatchesMissedEvents(t *testing.T) {
	t.Parallel()
	fake := newFakeWatch(nil)
	f := &factory{fakes: []*fakeWatch{fake}}
	path := filepath.Join(t.TempDir(), "components")
	mustWrite(t, path, "http=info\n")
	r := newRecorder(path)
	start(t, r, watcher.WithDebounce(faultDebounce), watcher.WithPollInterval(faultPoll),
		watcher.WithWatchFunc(f.newWatch))

	writeAtomic(t, path, "http=debug\n")
	if got := waitReloads(t, r, 1); got != "http=debug\n" {
		t.Errorf("reload saw %q", got)
	}
	// Written in place this time.
	mustWrite(t, path, "http=warn\n")
	if got := waitReloads(t, r, 2); got != "http=warn\n" {
		t.Errorf("reload saw %q", got)
	}
	stayQuiet(t, r, 2, 4*faultPoll)
	if fake.isClosed() {
		t.Error("a healthy watch was replaced")
	}
}
