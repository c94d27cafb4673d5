package watcher_test

import (
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
	"go.uber.org/goleak"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/scopelog/scopelog/internal/wait"
	"github.com/scopelog/scopelog/watcher"
)

func TestMain(m *testing.M) {
	// The watchers of tests that give no logger write to slog.Default():
	// keep them off the test output. TestDefaultLoggerIsSlog swaps in its
	// own handler.
	slog.SetDefault(slog.New(slog.DiscardHandler))
	goleak.VerifyTestMain(m)
}

// deadline bounds every wait; see wait.Deadline.
const deadline = wait.Deadline

// Markers the recorder writes for what is not a regular file.
const (
	missingFile   = "<missing>"
	irregularFile = "<irregular>"
)

// recorder is a reload function that reads the file itself, as the registry
// does, and records what each call saw.
type recorder struct {
	path string

	mu        sync.Mutex
	seen      []string
	active    int
	maxActive int
	block     chan struct{}      // when set, each call waits on it
	result    func(string) error // when set, decides the call's error
}

func newRecorder(path string) *recorder { return &recorder{path: path} }

func (r *recorder) reload() error {
	content := read(r.path)
	r.mu.Lock()
	r.active++
	r.maxActive = max(r.maxActive, r.active)
	r.seen = append(r.seen, content)
	block, result := r.block, r.result
	r.mu.Unlock()
	if block != nil {
		<-block
	}
	r.mu.Lock()
	r.active--
	r.mu.Unlock()
	if result != nil {
		return result(content)
	}
	return nil
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.seen)
}

func (r *recorder) all() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.seen...)
}

func (r *recorder) last() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.seen) == 0 {
		return ""
	}
	return r.seen[len(r.seen)-1]
}

// read returns what a reload would see, never opening what is not a regular
// file (a FIFO would block).
func read(path string) string {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return missingFile
	}
	if err != nil || !info.Mode().IsRegular() {
		return irregularFile
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return missingFile
	}
	if err != nil {
		return "<error: " + err.Error() + ">"
	}
	return string(b)
}

// waitReloads waits until r has seen n reloads and returns what the nth saw.
func waitReloads(t testing.TB, r *recorder, n int) string {
	t.Helper()
	wait.For(t, "reload", func() bool { return r.count() >= n })
	return r.all()[n-1]
}

// stayQuiet checks for d that no more than n reloads happen: the bounded
// negative check that follows a wait for the reload that should happen.
func stayQuiet(t testing.TB, r *recorder, n int, d time.Duration) {
	t.Helper()
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		if got := r.count(); got != n {
			t.Fatalf("got %d reloads, want %d; seen %q", got, n, r.all())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if got := r.count(); got != n {
		t.Fatalf("got %d reloads, want %d; seen %q", got, n, r.all())
	}
}

func observed() (*zap.Logger, *observer.ObservedLogs) {
	core, logs := observer.New(zapcore.DebugLevel)
	return zap.New(core), logs
}

// logged counts the entries at level whose message contains msg.
func logged(logs *observer.ObservedLogs, level zapcore.Level, msg string) int {
	n := 0
	for _, e := range logs.All() {
		if e.Level == level && strings.Contains(e.Message, msg) {
			n++
		}
	}
	return n
}

func mustWrite(t testing.TB, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeAtomic saves the way most editors do: a temporary file renamed over
// the target.
func writeAtomic(t testing.TB, path, content string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	mustWrite(t, tmp, content)
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// start watches path with r and closes the watcher when the test ends.
func start(t testing.TB, r *recorder, opts ...watcher.Option) *watcher.Watcher {
	t.Helper()
	w, err := watcher.Watch(r.path, r.reload, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return w
}

func writeNoise(path string, i int) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	_, err = f.WriteString(strings.Repeat("x", i%7+1) + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// gatedWatch is a real file-system watch whose events the test can hold
// back, to order them after something else, and that counts the events the
// watcher has received, so that a test can wait for them instead of
// sleeping.
type gatedWatch struct {
	mu        sync.Mutex
	open      chan struct{}  // closed while events flow
	delivered map[string]int // by the event's path
}

func newGatedWatch() *gatedWatch {
	g := &gatedWatch{open: make(chan struct{}), delivered: make(map[string]int)}
	close(g.open)
	return g
}

func (g *gatedWatch) gate() <-chan struct{} {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.open
}

func (g *gatedWatch) newWatch() (watcher.FSWatch, error) {
	w, err := watcher.NewNotifyWatch()
	if err != nil {
		return nil, err
	}
	gw := &gated{FSWatch: w, out: make(chan fsnotify.Event), done: make(chan struct{})}
	go gw.forward(g)
	return gw, nil
}

type gated struct {
	watcher.FSWatch
	out  chan fsnotify.Event
	done chan struct{}
	once sync.Once
}

func (w *gated) Events() <-chan fsnotify.Event { return w.out }

func (w *gated) Close() error {
	err := w.FSWatch.Close()
	w.once.Do(func() { close(w.done) })
	return err
}

func (w *gated) forward(g *gatedWatch) {
	for ev := range w.FSWatch.Events() {
		select {
		case <-g.gate():
		case <-w.done:
			return
		}
		select {
		case w.out <- ev:
			// The loop has received it, and handles it before it
			// takes anything else from its channels.
			g.mu.Lock()
			g.delivered[ev.Name]++
			g.mu.Unlock()
		case <-w.done:
			return
		}
	}
}

// received returns how many events naming path the watcher has received.
func (g *gatedWatch) received(path string) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.delivered[path]
}

// waitReceived waits until the watcher has received more than n events
// naming path.
func (g *gatedWatch) waitReceived(t testing.TB, path string, n int) {
	t.Helper()
	wait.For(t, "the watcher to receive an event of "+path, func() bool { return g.received(path) > n })
}
