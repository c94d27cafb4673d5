package watcher

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/fsnotify/fsnotify"
	"go.uber.org/zap"
)

// loop is the state of one Watcher. Every field but the immutable ones and
// closeErr (read by Close after the goroutine has returned) belongs to the
// run goroutine; the reload goroutine only reads the immutable ones.
type loop struct {
	path   string // absolute, as given: symlinks are resolved at each look
	dir    string // filepath.Dir(path), the directory always watched
	reload func() error
	cfg    config
	log    *zap.Logger
	done   <-chan struct{}

	fsw     fsWatch     // nil while degraded
	dirInfo os.FileInfo // identity of dir when it was added to fsw
	// second is the directory of the file the path resolves to, when that
	// is not dir: a symlink into another directory whose target is edited
	// in place produces events only there.
	second     string
	secondInfo os.FileInfo

	timer      *time.Timer // the quiet period
	armed      bool
	burstStart time.Time
	ticker     *time.Ticker // polling when degraded, revalidation when not

	applied fingerprint // what the last reload was started for
	seen    sight       // the last look

	running bool // a reload goroutine is out
	pending bool // a quiet period ended while it was out
	// stale is set by an event while a reload is out: what that reload
	// read is unknown (it may be newer than what it was started for), so
	// the next check reloads even if the file looks as it did at the start.
	stale      bool
	reloadDone chan struct{} // the reload goroutine reports here

	closeErr error
}

func (l *loop) run() {
	defer l.shutdown()
	for {
		var (
			events <-chan fsnotify.Event
			errs   <-chan error
		)
		if l.fsw != nil {
			events, errs = l.fsw.Events(), l.fsw.Errors()
		}
		select {
		case <-l.done:
			return
		case _, ok := <-events:
			if !ok {
				l.rewatch(errors.New("watcher: event channel closed unexpectedly"))
				continue
			}
			// Every event counts, whatever its name: a ConfigMap update
			// renames "..data", not the file, and editors write temporary
			// files under names of their own. The fingerprint, not the
			// event, decides whether anything changed.
			l.touch()
		case err, ok := <-errs:
			if !ok {
				l.rewatch(errors.New("watcher: error channel closed unexpectedly"))
				continue
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				l.log.Warn("watcher: events were lost; rescanning", zap.Error(err))
			} else {
				l.log.Warn("watcher: file-system watch reported an error; rescanning", zap.Error(err))
			}
			l.touch()
		case <-l.timer.C:
			l.armed = false
			l.check(false)
		case <-l.ticker.C:
			if l.fsw == nil {
				l.poll()
			} else {
				l.revalidate()
			}
		case <-l.reloadDone:
			l.running = false
			if l.pending {
				// What changed meanwhile may or may not be what the reload
				// read; reloading once more settles it.
				l.pending = false
				l.check(true)
			}
		}
	}
}

func (l *loop) shutdown() {
	l.timer.Stop()
	l.ticker.Stop()
	if l.fsw != nil {
		l.closeErr = l.fsw.Close()
		l.fsw = nil
	}
}

// touch starts or extends the quiet period after which check runs. A burst
// of events can extend it to at most maxWaitFactor times the debounce.
func (l *loop) touch() {
	if l.running {
		l.stale = true
	}
	now := time.Now()
	d := l.cfg.debounce
	if !l.armed {
		l.armed = true
		l.burstStart = now
	} else if rest := l.burstStart.Add(maxWaitFactor * d).Sub(now); rest < d {
		d = max(rest, 0)
	}
	l.timer.Reset(d)
}

// check looks at the file and starts a reload if what reload would see
// changed since the last one, or if force is set.
func (l *loop) check(force bool) {
	if l.fsw != nil && !sameDir(l.dir, l.dirInfo) {
		l.rewatch(fmt.Errorf("watcher: directory %s was removed or replaced", l.dir))
	}
	s := look(l.path)
	l.seen = s
	fp := s.fp
	if l.fsw != nil {
		if err := l.syncSecond(s.resolved); err != nil {
			l.rewatch(err)
		}
	}
	if l.running {
		// Only an event during the reload leads here, so it is stale.
		l.pending = true
		return
	}
	if fp == l.applied && !force && !l.stale {
		return
	}
	select {
	case <-l.done:
		return
	default:
	}
	switch fp.state {
	case missing:
		l.log.Warn("watcher: file is missing; reloading")
	case irregular:
		l.log.Warn("watcher: path is not a regular file; reloading")
	case unreadable:
		l.log.Warn("watcher: file cannot be read; reloading", zap.Error(s.err))
	}
	l.applied = fp
	l.running, l.stale = true, false
	go l.callReload()
}

// callReload runs in a goroutine of its own so that a slow reload never
// blocks Close. The loop starts at most one at a time.
func (l *loop) callReload() {
	if stack, err := l.invoke(); err != nil {
		fields := []zap.Field{zap.Error(err)}
		if stack != nil {
			fields = append(fields, zap.ByteString("stack", stack))
		}
		// The reload function reports its own errors (the registry logs
		// every failure at Error); a panic is ours to report.
		if stack != nil {
			l.log.Error("watcher: reload panicked; will retry when the file changes", fields...)
		} else {
			l.log.Debug("watcher: reload failed; will retry when the file changes", fields...)
		}
	} else {
		l.log.Debug("watcher: reloaded")
	}
	select {
	case l.reloadDone <- struct{}{}:
	case <-l.done:
	}
}

// invoke calls reload, turning a panic into an error: a panic triggered by
// what someone wrote into a file must not take the process down.
func (l *loop) invoke() (stack []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("watcher: reload panicked: %v", r)
			stack = debug.Stack()
		}
	}()
	return nil, l.reload()
}

// establish makes a new file-system watch on dir and, if needed, second.
func (l *loop) establish() error {
	// The identity is taken before Add: if dir is replaced in between, the
	// next check sees a mismatch and watches again, whereas taking it after
	// could pair the new identity with a watch on the old directory.
	info, err := os.Stat(l.dir)
	if err != nil {
		return fmt.Errorf("watcher: %w", err)
	}
	fsw, err := l.cfg.newWatch()
	if err != nil {
		return fmt.Errorf("watcher: create file-system watch: %w", err)
	}
	if err := fsw.Add(l.dir); err != nil {
		_ = fsw.Close()
		return fmt.Errorf("watcher: watch %s: %w", l.dir, err)
	}
	l.fsw, l.dirInfo = fsw, info
	l.second, l.secondInfo = "", nil
	resolved, _, _ := resolve(l.path)
	if err := l.syncSecond(resolved); err != nil {
		l.drop()
		return err
	}
	return nil
}

// drop closes the file-system watch.
func (l *loop) drop() {
	if l.fsw == nil {
		return
	}
	if err := l.fsw.Close(); err != nil {
		l.log.Debug("watcher: closing file-system watch", zap.Error(err))
	}
	l.fsw, l.dirInfo = nil, nil
	l.second, l.secondInfo = "", nil
}

// rewatch replaces a file-system watch that stopped working or watches the
// wrong directory, and degrades to polling if no new one can be made.
func (l *loop) rewatch(why error) {
	l.drop()
	if err := l.establish(); err != nil {
		l.degrade(fmt.Errorf("%w; %w", why, err))
		return
	}
	l.log.Info("watcher: watching again", zap.NamedError("reason", why))
	l.touch()
}

// degrade switches to polling. Events may have been lost, so the file is
// looked at again after the quiet period.
func (l *loop) degrade(err error) {
	l.drop()
	l.log.Error("watcher: degraded: no file-system watch; polling for changes",
		zap.Duration("interval", l.cfg.poll), zap.Error(err))
	l.touch()
}

// poll runs at each tick while degraded: it tries to watch again and, until
// that works, treats a changed fingerprint as an event.
func (l *loop) poll() {
	err := l.establish()
	if err == nil {
		l.log.Info("watcher recovered: watching for changes again")
		l.touch()
		return
	}
	l.log.Debug("watcher: still degraded", zap.Error(err))
	if s := look(l.path); s.fp != l.seen.fp {
		l.seen = s
		l.touch()
	}
}

// revalidate runs at each tick while watching. It catches what produces no
// event in the watched directories: a symlinked ancestor retargeted (a
// "current" release link), the directory replaced behind our back, a file
// changed through a single-file bind mount, events lost without an error.
// Stats are enough to notice; check then hashes.
func (l *loop) revalidate() {
	if !sameDir(l.dir, l.dirInfo) {
		l.rewatch(fmt.Errorf("watcher: directory %s was removed or replaced", l.dir))
		return
	}
	resolved, info, _ := resolve(l.path)
	want, _ := l.secondFor(resolved)
	if l.armed {
		// A check is coming anyway; touching would only postpone it.
		return
	}
	if resolved != l.seen.resolved || !sameStat(info, l.seen.info) ||
		want != l.second || (want != "" && !sameDir(want, l.secondInfo)) {
		l.touch()
	}
}

// secondFor returns the directory of resolved when it is not dir itself, and
// its identity.
func (l *loop) secondFor(resolved string) (string, os.FileInfo) {
	if resolved == "" {
		return "", nil
	}
	d := filepath.Dir(resolved)
	info, err := os.Stat(d)
	if err != nil || os.SameFile(info, l.dirInfo) {
		return "", nil
	}
	return d, info
}

// syncSecond makes the second watched directory follow the resolved path.
func (l *loop) syncSecond(resolved string) error {
	want, info := l.secondFor(resolved)
	if want == l.second && (want == "" || sameDir(want, l.secondInfo)) {
		return nil
	}
	if l.second != "" {
		// The old directory is usually gone already (a ConfigMap swap
		// deletes it), and its watch with it.
		_ = l.fsw.Remove(l.second)
		l.second, l.secondInfo = "", nil
	}
	if want == "" {
		return nil
	}
	if err := l.fsw.Add(want); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			// Swapped again since we resolved; look once more shortly.
			l.touch()
			return nil
		}
		return fmt.Errorf("watcher: watch %s: %w", want, err)
	}
	l.second, l.secondInfo = want, info
	return nil
}

func sameDir(path string, was os.FileInfo) bool {
	if was == nil {
		return false
	}
	info, err := os.Stat(path)
	return err == nil && os.SameFile(info, was)
}
