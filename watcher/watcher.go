package watcher

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/scopelog/scopelog/internal/filestate"
)

// A Watcher calls a reload function when the content of one file changes.
// Create one with Watch. The zero Watcher watches nothing; its Close returns
// nil.
type Watcher struct {
	done     chan struct{} // closed by Close: every goroutine selects on it
	finished chan struct{} // closed when the loop goroutine has returned
	once     sync.Once
	loop     *loop
	err      error
}

// Watch starts watching the file at path and calls reload, from a goroutine
// of its own, after the file's content changes, appears, or disappears. It
// does not call reload for the content the file has when Watch is called:
// start the watcher first, then load the file once yourself, so that no
// change falls between the two.
//
// The directory containing path must exist; the file need not. Watch fails
// on an empty path, a nil reload, an invalid Option, a missing parent
// directory or a path that names a directory. It does not fail because no
// file-system watch can be made: it polls instead (see "Degraded mode" in the
// package documentation). Options apply in order, the last winning where two
// set the same thing; a nil Option is a programming error, and Watch panics
// naming its position, as registry.New does.
//
// Call Close to stop watching.
func Watch(path string, reload func() error, opts ...Option) (*Watcher, error) {
	if path == "" {
		return nil, errors.New("watcher: empty path")
	}
	if reload == nil {
		return nil, errors.New("watcher: nil reload function")
	}
	cfg := defaultConfig()
	for i, o := range opts {
		if o == nil {
			panic(fmt.Sprintf("watcher: Watch: option %d (counting from 0) is nil", i))
		}
		o.apply(&cfg)
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("watcher: %w", err)
	}
	dir := filepath.Dir(abs)
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("watcher: parent directory: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("watcher: parent %s is not a directory", dir)
	}
	if info, err := os.Stat(abs); err == nil && info.IsDir() {
		return nil, fmt.Errorf("watcher: %s is a directory, not a file", abs)
	}

	w := &Watcher{
		done:     make(chan struct{}),
		finished: make(chan struct{}),
	}
	l := &loop{
		path:       abs,
		dir:        dir,
		reload:     reload,
		cfg:        cfg,
		log:        cfg.logger.With(zap.String("path", abs)),
		done:       w.done,
		reloadDone: make(chan outcome),
		timer:      time.NewTimer(time.Hour),
	}
	l.timer.Stop()
	w.loop = l
	// The watch is made before the file is first looked at, so a change made
	// right after Watch returns always produces an event.
	if err := l.establish(); err != nil {
		l.degrade(err)
	}
	l.seen = look(abs)
	l.applied = l.seen.fp
	switch l.seen.fp.Kind() {
	case filestate.Missing:
		l.log.Info("watcher: file does not exist yet; waiting for it")
	case filestate.Irregular, filestate.Unreadable:
		l.log.Warn("watcher: file is not readable as a regular file", zap.Error(l.seen.err))
	}
	l.ticker = time.NewTicker(cfg.poll)
	go func() {
		defer close(w.finished)
		l.run()
	}()
	return w, nil
}

// Close stops the watcher: it closes the file-system watch, stops its timers,
// and waits for its goroutines to return, including a reload in progress, as
// the stop function of signals.Notify does. Once Close returns, nothing of
// the watcher runs and no reload starts, so goleak and zaptest can rely on
// it. A reload that never returns therefore keeps Close from returning, and
// Close must not be called from within reload, where it would wait for
// itself.
//
// Close is safe to call more than once and from several goroutines; every
// call returns the result of the first.
func (w *Watcher) Close() error {
	if w == nil || w.done == nil {
		return nil
	}
	w.once.Do(func() {
		close(w.done)
		<-w.finished
		w.loop.reloads.Wait()
		if w.loop.closeErr != nil {
			w.err = fmt.Errorf("watcher: close: %w", w.loop.closeErr)
		}
	})
	return w.err
}
