package scopelog

import (
	"os"

	"github.com/scopelog/scopelog/registry"
)

// An Option configures Open.
type Option interface {
	apply(*config)
}

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

type config struct {
	registry   []registry.Option
	signals    []os.Signal
	signalsSet bool // WithSignals was given: signals is the whole list
	noWatcher  bool
	noSocket   bool
	socket     string // WithSocket's path; "" for the default
}

// WithRegistryOptions passes options to the registry: its sink
// (registry.WithConsole, WithCore, WithHandler), default level, zap
// options, trusted owners. registry.WithFile is not needed: Open gives the
// registry its path, which wins over any other. The trusted owners apply to
// the admin socket's directory too. Several calls add up.
func WithRegistryOptions(opts ...registry.Option) Option {
	return optionFunc(func(c *config) { c.registry = append(c.registry, opts...) })
}

// WithSignals sets the signals that reload the components file, instead of
// SIGUSR1. With none, no signal reloads it. On Windows, which has no
// SIGUSR1, the default is none.
func WithSignals(sigs ...os.Signal) Option {
	return optionFunc(func(c *config) { c.signals, c.signalsSet = sigs, true })
}

// WithoutWatcher stops Open from watching the components file: only a
// signal, or a call to Reload, reloads it. The file's directory then need
// not exist.
func WithoutWatcher() Option {
	return optionFunc(func(c *config) { c.noWatcher = true })
}

// WithoutSocket stops Open from serving the admin handler on a Unix socket.
func WithoutSocket() Option {
	return optionFunc(func(c *config) { c.noSocket = true })
}

// WithSocket serves the admin handler on the Unix socket at path instead of
// the default, <pid>.sock in a directory of the user's (see the package
// documentation). Its directory must exist and pass the registry's trust
// checks (registry.CheckDir). The scopelog command looks for sockets in the
// default directories only; reach this one with a client of your own, or
// with curl --unix-socket path http://localhost/. On systems with no admin
// socket (Windows), Open then fails.
func WithSocket(path string) Option {
	return optionFunc(func(c *config) { c.socket, c.noSocket = path, false })
}
