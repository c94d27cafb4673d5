package scopelog

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"go.uber.org/zap"

	"github.com/scopelog/scopelog/admin"
	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/internal/adminsock"
	"github.com/scopelog/scopelog/registry"
	"github.com/scopelog/scopelog/signals"
	"github.com/scopelog/scopelog/watcher"
)

// Logs is the logging of a program set up by [Open]: its registry, and the
// triggers and admin socket that act on it.
type Logs struct {
	reg     *registry.Registry
	stop    func() // of signals.Notify; nil without signals
	watcher *watcher.Watcher
	server  *adminsock.Server
	once    sync.Once
	err     error
}

// Open sets up the logging of a program from the components file at path,
// in one call: it builds a registry with the file, starts the reload on
// SIGUSR1 and the watcher on path, loads the file once, and serves the
// admin handler on a Unix socket of the process's own. The package
// documentation describes each part and the options that change them.
//
// A components file that is missing, invalid or untrusted does not fail
// Open: the registry logs why, keeps it in LastReload, and runs every
// component at its default level until the file is fixed and reloaded. Open
// fails only when the setup cannot work as asked: the socket's directory is
// refused, or the file's directory cannot be watched (it does not exist).
// It then returns a nil *Logs, having stopped whatever it started.
//
// A relative path is made absolute once, here, so that the registry and
// the watcher read the same file even if the program changes directory.
func Open(path string, opts ...Option) (*Logs, error) {
	if path == "" {
		return nil, errors.New("scopelog: Open: empty path: give the components file, which need not exist yet")
	}
	var cfg config
	for _, o := range opts {
		o.apply(&cfg)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("scopelog: Open: %w", err)
	}
	// The path given here wins over a WithFile among the options.
	reg := registry.New(append(slices.Clip(cfg.registry), registry.WithFile(abs))...)
	self := reg.Component(registry.SelfName)

	// The socket first: a refused directory stops Open before anything runs.
	var ln *net.UnixListener
	if !cfg.noSocket && (cfg.socket != "" || adminsock.Supported) {
		if ln, err = adminsock.Listen(cfg.socket, cfg.registry...); err != nil {
			return nil, fmt.Errorf("scopelog: Open: %w", err)
		}
	}
	l := &Logs{reg: reg}
	// The triggers start before the first load, so that no change of the
	// file, and no signal, falls between the two.
	if !cfg.noWatcher {
		if l.watcher, err = watcher.Watch(abs, reg.Reload, watcher.WithLogger(self.Zap())); err != nil {
			if ln != nil {
				ln.Close()
			}
			return nil, fmt.Errorf("scopelog: Open: %w", err)
		}
	}
	if !cfg.signalsSet || len(cfg.signals) > 0 {
		l.stop = signals.Notify(reg.Reload, cfg.signals...)
	}
	// The registry logs a failure, and keeps every component at its default.
	_ = reg.Reload()
	if ln != nil {
		l.server = adminsock.Serve(ln, admin.Handler(reg), zap.NewStdLog(self.Zap()))
		self.Info("admin socket ready: scopelog list finds this process",
			zap.String("socket", l.server.Path()), zap.Int("pid", os.Getpid()))
	}
	return l, nil
}

// Registry returns the registry: for its status, overrides, or anything
// Logs does not offer directly.
func (l *Logs) Registry() *registry.Registry { return l.reg }

// Component returns the logger of the component name: the registry's
// Component, which panics on an invalid name.
func (l *Logs) Component(name string) *component.Logger { return l.reg.Component(name) }

// Socket returns the path of the admin socket, or "" if Open serves none.
func (l *Logs) Socket() string {
	if l.server == nil {
		return ""
	}
	return l.server.Path()
}

// Close stops the reloads, signal and watcher, waiting for one in flight,
// then the admin socket, waiting for the requests in flight, and removes
// the socket. Once Close returns, nothing Open started runs. The registry
// and its components still work, at the levels in force, and rules with an
// until still expire.
//
// Close may be called more than once; every call returns the result of the
// first. It must not be called from a reload. On a nil *Logs it does
// nothing.
func (l *Logs) Close() error {
	if l == nil {
		return nil
	}
	l.once.Do(func() {
		if l.stop != nil {
			l.stop()
		}
		var errs []error
		if l.watcher != nil {
			errs = append(errs, l.watcher.Close())
		}
		if l.server != nil {
			errs = append(errs, l.server.Close())
		}
		l.err = errors.Join(errs...)
	})
	return l.err
}
