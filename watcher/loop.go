package watcher

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"go.uber.org/zap"

	"github.com/scopelog/scopelog/internal/filestate"
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
	// unwatchable is a second directory that could not be watched: only
	// that watch is given up, and the poll interval's stats stand in for it.
	unwatchable string

	timer      *time.Timer // the quiet period
	armed      bool
	burstStart time.Time
	ticker     *time.Ticker // polling when degraded, revalidation when not

	// applied is what the watcher's last reload was started for. It
	// decides only when no registry has recorded what it read (see
	// needed).
	applied filestate.Fingerprint
	seen    sight // the last look

	running bool // a reload goroutine is out
	pending bool // a quiet period ended while it was out
	// stale is set by an event while a reload is out: what that reload
	// read is unknown (it may be newer than what it was started for), so
	// the next check reloads even if the file looks as it did at the start.
	stale      bool
	reloadDone chan outcome // the reload goroutine reports here
	reloads    sync.WaitGroup

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
		case o := <-l.reloadDone:
			l.running = false
			o.log(l.log)
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
		l.syncSecond(s.resolved)
	}
	if l.running {
		// Only an event during the reload leads here, so it is stale.
		l.pending = true
		l.log.Debug("watcher: the file may have changed during a reload; one more reload follows it")
		return
	}
	if !l.needed(fp, force) {
		return
	}
	select {
	case <-l.done:
		return
	default:
	}
	switch fp.Kind() {
	case filestate.Missing:
		l.log.Warn("watcher: file is missing; reloading")
	case filestate.Irregular:
		l.log.Warn("watcher: path is not a regular file; reloading")
	case filestate.Unreadable:
		l.log.Warn("watcher: file cannot be read; reloading", zap.Error(s.err))
	}
	l.applied = fp
	l.running, l.stale = true, false
	l.reloads.Go(l.callReload)
}

// needed reports whether reload must run for the file as fingerprinted by
// fp. When a registry records what it reads at this path, its record
// decides: whichever trigger made the last read (this watcher, a signal, a
// direct call), reloading is needed exactly when the file differs from what
// was read, or while a read is under way. Otherwise the watcher goes by its
// own memory, and by force and stale, which say that what its last reload
// read is unknown.
func (l *loop) needed(fp filestate.Fingerprint, force bool) bool {
	if known, current := filestate.Current(l.path, fp); known {
		return !current
	}
	return fp != l.applied || force || l.stale
}

// outcome is what one call of reload returned.
type outcome struct {
	err   error
	stack []byte // set when reload panicked
}

// log reports o. The loop logs it after marking the reload finished, so
// that a test that sees the entry knows the next event is not "during" it.
func (o outcome) log(log *zap.Logger) {
	switch {
	case o.stack != nil:
		// A panic is ours to report.
		log.Error("watcher: reload panicked; will retry when the file changes",
			zap.Error(o.err), zap.ByteString("stack", o.stack))
	case o.err != nil:
		// The reload function reports its own errors: the registry logs
		// every failure at Error, with the reason.
		log.Debug("watcher: reload failed; will retry when the file changes", zap.Error(o.err))
	default:
		log.Debug("watcher: reloaded")
	}
}

// callReload runs in a goroutine of its own so that a slow reload never
// blocks the loop; Close waits for it. The loop starts at most one at a
// time.
func (l *loop) callReload() {
	var o outcome
	o.stack, o.err = l.invoke()
	select {
	case l.reloadDone <- o:
	case <-l.done:
		o.log(l.log)
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
	resolved, _, _ := filestate.Look(l.path)
	l.syncSecond(resolved)
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
	l.second, l.secondInfo, l.unwatchable = "", nil, ""
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
// changed through a single-file bind mount, events lost without an error,
// and a change of what the registry judges (owner, mode, ACL) on a
// directory further up the path or along a symlink's. Stats and ACL
// lookups are enough to notice; check then hashes.
func (l *loop) revalidate() {
	if !sameDir(l.dir, l.dirInfo) {
		l.rewatch(fmt.Errorf("watcher: directory %s was removed or replaced", l.dir))
		return
	}
	resolved, info, trust := filestate.Look(l.path)
	want, _ := l.secondFor(resolved)
	if l.armed {
		// A check is coming anyway; touching would only postpone it.
		return
	}
	if want == l.unwatchable {
		want = l.second
	}
	if resolved != l.seen.resolved || !sameStat(info, l.seen.info) || trust != l.seen.trust ||
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
func (l *loop) syncSecond(resolved string) {
	want, info := l.secondFor(resolved)
	if want == l.second && (want == "" || sameDir(want, l.secondInfo)) {
		return
	}
	if l.second != "" {
		// The old directory is usually gone already (a ConfigMap swap
		// deletes it), and its watch with it.
		_ = l.fsw.Remove(l.second)
		l.second, l.secondInfo = "", nil
	}
	if want == "" {
		return
	}
	if want == l.unwatchable {
		return // failed before; the poll interval's stats stand in
	}
	if err := l.fsw.Add(want); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			// Swapped again since we resolved; look once more shortly.
			l.touch()
			return
		}
		// Only in-place edits of the target are seen there; a swap of the
		// link is seen in dir. So this watch alone is given up.
		l.unwatchable = want
		l.log.Warn("watcher: cannot watch the directory of the symlink's target; edits made there in place are seen only at each poll interval",
			zap.String("directory", want), zap.Duration("interval", l.cfg.poll), zap.Error(err))
		return
	}
	l.second, l.secondInfo = want, info
}

func sameDir(path string, was os.FileInfo) bool {
	if was == nil {
		return false
	}
	info, err := os.Stat(path)
	return err == nil && os.SameFile(info, was)
}
