package watcher

import (
	"fmt"
	"time"

	"go.uber.org/zap"
)

// Defaults used when the matching option is not given.
const (
	// DefaultDebounce is the quiet period Watch waits for after the last
	// file-system event before it looks at the file.
	DefaultDebounce = 100 * time.Millisecond

	// DefaultPollInterval is how often a degraded watcher polls the file and
	// a healthy one checks, with a few stat calls, for changes that produce
	// no event.
	DefaultPollInterval = time.Second
)

// maxWaitFactor bounds how long a stream of events can postpone a check: a
// directory with a busy unrelated file (a log, a lock) would otherwise keep
// resetting the quiet period forever and starve the reload.
const maxWaitFactor = 10

// An Option configures Watch.
type Option interface {
	apply(*config)
}

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

type config struct {
	debounce time.Duration
	poll     time.Duration
	logger   *zap.Logger
	newWatch func() (fsWatch, error)
}

func defaultConfig() config {
	return config{
		debounce: DefaultDebounce,
		poll:     DefaultPollInterval,
		logger:   defaultLogger(),
		newWatch: newNotifyWatch,
	}
}

func (c *config) validate() error {
	if c.debounce < 0 {
		return fmt.Errorf("watcher: negative debounce %v", c.debounce)
	}
	if c.poll <= 0 {
		return fmt.Errorf("watcher: poll interval %v is not positive", c.poll)
	}
	return nil
}

// WithDebounce sets the quiet period: the file is read only once no event
// has arrived in its directory for d, so that the several events of one save
// give one reload and a file is never read half-written by an editor that
// pauses for less than d. Zero reads the file at the first event. A
// negative d makes Watch fail. The default is DefaultDebounce.
func WithDebounce(d time.Duration) Option {
	return optionFunc(func(c *config) { c.debounce = d })
}

// WithPollInterval sets how often the watcher hashes the file while it is
// degraded (no file-system watch could be made) and tries to watch again,
// and how often a healthy watcher stats the path for changes that produce no
// event in the directories it watches. A d that is not positive makes Watch
// fail. The default is DefaultPollInterval.
func WithPollInterval(d time.Duration) Option {
	return optionFunc(func(c *config) { c.poll = d })
}

// WithLogger sets the logger the watcher reports to: a missing file and a
// symlink target's directory that cannot be watched at Warn, degraded
// watching and a reload that panicked at Error, recovery at Info, and each
// reload at Debug, a failed one included, since the reload function reports
// its own errors (the registry logs every failure at Error). Give it the
// registry's own component, reg.Component(registry.SelfName).Zap(), so that
// the watcher's entries sit beside the reloads' acknowledgements.
//
// The default, also used when l is nil, writes to slog.Default() at the
// time of each entry: the program's slog handler if it set one, and
// otherwise the log package's standard logger on stderr, at Info and above.
// To discard the watcher's entries, pass zap.NewNop() explicitly.
func WithLogger(l *zap.Logger) Option {
	return optionFunc(func(c *config) {
		if l == nil {
			l = defaultLogger()
		}
		c.logger = l
	})
}
