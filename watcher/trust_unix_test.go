//go:build unix

package watcher_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/internal/wait"
	"github.com/scopelog/scopelog/registry"
	"github.com/scopelog/scopelog/watcher"
)

// Fixing the owner of a refused file reloads it, as fixing a world-writable
// mode does: the fingerprint holds what the trust checks judge.
func TestFixingTheOwnerReloads(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root: only root can give a file to another user with os.Chown")
	}
	file := filepath.Join(t.TempDir(), "components")
	mustWrite(t, file, "db\n")
	mustNil(t, os.Chown(file, 65534, 65534))
	reg, _ := watchRegistryErr(t, file)
	db := reg.Component("db")
	if st := reg.LastReload(); !errors.Is(st.Err, registry.ErrUntrustedOwner) || db.Level() != zapcore.InfoLevel {
		t.Fatalf("a file owned by nobody: %v, db at %v", st.Err, db.Level())
	}
	gen := reg.LastReload().Generation
	mustNil(t, os.Chown(file, 0, 0))
	// Reload sets the levels before it publishes its status: wait for both.
	st := waitGeneration(t, reg, gen)
	if st.Err != nil || db.Level() != zapcore.DebugLevel {
		t.Fatalf("owner fixed: %v, db at %v", st.Err, db.Level())
	}
	gen = st.Generation
	mustNil(t, os.Chown(file, 65534, -1))
	st = waitGeneration(t, reg, gen)
	if !errors.Is(st.Err, registry.ErrUntrustedOwner) || db.Level() != zapcore.DebugLevel {
		t.Fatalf("given away again: %v, db at %v; want the refusal, levels kept", st.Err, db.Level())
	}
}

// watchRegistryErr is watchRegistry for a file the initial load refuses.
func watchRegistryErr(t *testing.T, file string) (*registry.Registry, *watcher.Watcher) {
	t.Helper()
	reg := registry.New(registry.WithCore(zapcore.NewNopCore()), registry.WithFile(file))
	w, err := watcher.Watch(file, reg.Reload, watcher.WithDebounce(20*time.Millisecond), watcher.WithLogger(nil))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = w.Close() })
	_ = reg.Reload()
	return reg, w
}

// A 4 GiB sparse file costs the watcher one bounded read: Watch, noticing
// the next change and Close each take less than 100 ms, and a valid save
// afterwards applies within the debounce and 50 ms. Each is the best of a
// few tries, so that a moment of load on a shared machine does not decide;
// reading the whole file, as the watcher once did, took seconds every time.
func TestHugeFile(t *testing.T) {
	const (
		limit = 100 * time.Millisecond
		tries = 5
	)
	huge := func(t *testing.T, file string) {
		t.Helper()
		if err := os.Truncate(file, 4<<30); err != nil {
			t.Skipf("cannot make a 4 GiB sparse file here: %v", err)
		}
	}
	var watchTook, detectTook, applyTook, closeTook []time.Duration
	for range tries {
		file := filepath.Join(t.TempDir(), "components")
		mustWrite(t, file, "")
		huge(t, file)
		reg := registry.New(registry.WithCore(zapcore.NewNopCore()), registry.WithFile(file))
		db := reg.Component("db")

		start := time.Now()
		w, err := watcher.Watch(file, reg.Reload, watcher.WithLogger(nil))
		if err != nil {
			t.Fatal(err)
		}
		watchTook = append(watchTook, time.Since(start))
		if err := reg.Reload(); !errors.Is(err, registry.ErrTooLarge) {
			w.Close()
			t.Fatalf("initial load: %v, want ErrTooLarge", err)
		}

		// The next change, still huge: noticed and refused.
		gen := reg.LastReload().Generation
		changed := time.Now()
		mustNil(t, os.Truncate(file, 4<<30+1))
		st := waitGeneration(t, reg, gen)
		detectTook = append(detectTook, time.Since(changed)-watcher.DefaultDebounce)
		if !errors.Is(st.Err, registry.ErrTooLarge) {
			w.Close()
			t.Fatalf("the huge file: %v, want ErrTooLarge", st.Err)
		}

		// A valid save.
		gen = reg.LastReload().Generation
		saved := time.Now()
		writeAtomic(t, file, "db\n")
		wait.For(t, "db at debug", func() bool { return db.Level() == zapcore.DebugLevel })
		applyTook = append(applyTook, time.Since(saved))
		// Reload sets the levels before it publishes its status.
		if st := waitGeneration(t, reg, gen); st.Err != nil {
			w.Close()
			t.Fatalf("the valid save: %v", st.Err)
		}

		// Huge again, then Close.
		gen = reg.LastReload().Generation
		huge(t, file)
		if st := waitGeneration(t, reg, gen); !errors.Is(st.Err, registry.ErrTooLarge) || db.Level() != zapcore.DebugLevel {
			w.Close()
			t.Fatalf("huge again: %v with db at %v; want the refusal, levels kept", st.Err, db.Level())
		}
		start = time.Now()
		mustNil(t, w.Close())
		closeTook = append(closeTook, time.Since(start))
	}
	best := func(d []time.Duration) time.Duration { return slices.Min(d) }
	t.Logf("4 GiB file, best of %d (all): Watch %v %v, detection after the debounce %v %v, valid save applied in %v %v, Close %v %v",
		tries, best(watchTook), watchTook, best(detectTook), detectTook, best(applyTook), applyTook, best(closeTook), closeTook)
	if best(watchTook) > limit || best(detectTook) > limit || best(closeTook) > limit {
		t.Errorf("Watch %v, detection %v, Close %v: each must be under %v", best(watchTook), best(detectTook), best(closeTook), limit)
	}
	if bound := watcher.DefaultDebounce + 50*time.Millisecond; best(applyTook) > bound {
		t.Errorf("a valid save applied in %v, want under %v", best(applyTook), bound)
	}
}

// refusingWatch is a real file-system watch that cannot watch one directory,
// as for a 0711 directory of another user.
type refusingWatch struct {
	watcher.FSWatch
	refuse string
}

func (r refusingWatch) Add(name string) error {
	if name == r.refuse {
		return fmt.Errorf("inotify_add_watch: %w", syscall.EACCES)
	}
	return r.FSWatch.Add(name)
}

// A symlink whose target's directory cannot be watched degrades only that
// watch: swaps of the link still come as events, and edits of the target in
// place are seen at the poll interval.
func TestUnwatchableTargetDirectory(t *testing.T) {
	t.Parallel()
	base := t.TempDir()
	for _, d := range []string{"etc", "shared"} {
		mustNil(t, os.Mkdir(filepath.Join(base, d), 0o755))
	}
	shared := filepath.Join(base, "shared")
	target := filepath.Join(shared, "components")
	mustWrite(t, target, "http=info\n")
	path := filepath.Join(base, "etc", "components")
	mustNil(t, os.Symlink(target, path))
	r := newRecorder(path)
	logger, logs := observed()
	start(t, r, watcher.WithDebounce(faultDebounce), watcher.WithPollInterval(faultPoll), watcher.WithLogger(logger),
		watcher.WithWatchFunc(func() (watcher.FSWatch, error) {
			w, err := watcher.NewNotifyWatch()
			return refusingWatch{w, shared}, err
		}))
	if n := logged(logs, zapcore.WarnLevel, "cannot watch the directory of the symlink's target"); n != 1 {
		t.Errorf("got %d Warn entries about the target's directory, want 1", n)
	}

	mustWrite(t, target, "http=debug\n") // in place: no event anywhere watched
	if got := waitReloads(t, r, 1); got != "http=debug\n" {
		t.Errorf("reload saw %q", got)
	}
	other := filepath.Join(base, "etc", "other")
	mustWrite(t, other, "db=debug\n")
	tmp := path + ".tmp"
	mustNil(t, os.Symlink(other, tmp))
	mustNil(t, os.Rename(tmp, path))
	if got := waitReloads(t, r, 2); got != "db=debug\n" {
		t.Errorf("reload saw %q after retargeting", got)
	}
	if n := logged(logs, zapcore.ErrorLevel, "degraded"); n != 0 {
		t.Errorf("the whole watcher degraded (%d entries)", n)
	}
	if n := logged(logs, zapcore.WarnLevel, "cannot watch the directory of the symlink's target"); n != 1 {
		t.Errorf("got %d Warn entries about the target's directory, want still 1", n)
	}
}

// lockedBuffer is a bytes.Buffer safe for the watcher's goroutine and the
// test's.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// With no WithLogger, the watcher's entries reach slog.Default(), at Info
// and above: degraded watching is never silent.
func TestDefaultLoggerIsSlog(t *testing.T) {
	var buf lockedBuffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	defer slog.SetDefault(old)

	path := filepath.Join(t.TempDir(), "components")
	r := newRecorder(path)
	w, err := watcher.Watch(path, r.reload, watcher.WithDebounce(faultDebounce),
		watcher.WithWatchFunc(func() (watcher.FSWatch, error) {
			return nil, fmt.Errorf("inotify_init1: %w", syscall.EMFILE)
		}))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	got := buf.String()
	for _, want := range []string{
		`level=INFO msg="watcher: file does not exist yet; waiting for it" path=` + path,
		`level=ERROR msg="watcher: degraded: no file-system watch; polling for changes" path=` + path + ` interval=1s error="watcher: create file-system watch: inotify_init1: too many open files"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("slog.Default() got\n%s\nwant a line with\n%s", got, want)
		}
	}
	if strings.Contains(got, "level=DEBUG") {
		t.Error("Debug entries reached the default handler, which is at Info")
	}
}
