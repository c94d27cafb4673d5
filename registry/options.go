package registry

import (
	"fmt"
	"log/slog"
	"slices"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// Option configures a Registry, given to [New], or the reading of a file,
// given to [ReadFile].
//
// Options apply in order, and where two set the same thing the last wins, as
// with zap's options: [WithCore] and [WithHandler] both set the sink, so
// after WithCore(c), WithHandler(h) every component writes to h. Options
// that add, [WithOptions], [WithTrustedOwners] and [WithRedactKeys], add to
// what earlier ones gave. A nil Option is a programming error: New and ReadFile panic, naming
// its position. The watcher's options follow the same rules.
type Option interface {
	apply(*config)
}

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

// config is what options set. The zero config is the defaults, which
// Registry.setup fills in.
type config struct {
	core         zapcore.Core
	handler      slog.Handler
	zapOptions   []zap.Option
	defaultLevel zapcore.Level
	file         string
	trusted      []int // owners trusted besides root and the effective user
	maxOverride  time.Duration
	now          func() time.Time // the wall clock; tests step it
	neverRead    time.Duration    // NeverReadAfter, unless a test says otherwise
	safe         safety           // redact.go, limit.go
}

// configure applies opts in order; fn names the caller in the panic for a
// nil Option.
func configure(fn string, opts []Option) config {
	var c config
	for i, o := range opts {
		if o == nil {
			panic(fmt.Sprintf("registry: %s: option %d (counting from 0) is nil", fn, i))
		}
		o.apply(&c)
	}
	return c
}

// WithCore sets the zap core every component writes to. Its own level caps
// what any rule can turn on: give it zapcore.DebugLevel so that rules can
// enable debug. The default is zap's production JSON encoder writing to
// stderr at DebugLevel, with no sampling. It replaces a handler given by an
// earlier [WithHandler]; a nil core changes nothing.
func WithCore(core zapcore.Core) Option {
	return optionFunc(func(c *config) {
		if core != nil {
			c.core, c.handler = core, nil
		}
	})
}

// WithHandler makes every component write through the slog handler h
// instead of a zap core: its zap methods, the loggers returned by its Zap,
// Sugar and Slog methods, and the registry's own acknowledgements on
// "scopelog". A program that already has a slog handler it likes (JSON to
// stdout, journald, an OpenTelemetry bridge) keeps it, and gains per-component
// levels. It replaces a core given by an earlier [WithCore]; a nil h changes
// nothing.
//
// Each record carries the component's name as the attribute "logger". zap
// fields become attributes of their own kind: strings, numbers, bools,
// durations and times keep their type, errors stay errors, objects become
// groups, and a zap.Namespace becomes a group holding the fields after it.
// zap's Debug, Info and Warn become slog's; Error, DPanic, Panic and Fatal
// become slog.LevelError. Records from Slog reach h with their own slog
// level.
//
// h's own Enabled caps what any rule can turn on, as a core's level does
// with WithCore: give it slog.LevelDebug so that rules can enable debug. A
// reload whose rules ask for a level h drops says so in its acknowledgement.
func WithHandler(h slog.Handler) Option {
	return optionFunc(func(c *config) {
		if h != nil {
			c.handler, c.core = h, nil
		}
	})
}

// WithDefaultLevel sets the level of every component that no rule covers.
// The default is Info.
func WithDefaultLevel(l zapcore.Level) Option {
	return optionFunc(func(c *config) { c.defaultLevel = l })
}

// WithFile sets the components file that Reload reads. A relative path is
// resolved against the working directory at each Reload; the watcher makes
// its path absolute once, when it starts, so give both an absolute path if
// the program changes directory.
func WithFile(path string) Option {
	return optionFunc(func(c *config) { c.file = path })
}

// WithOptions adds zap options to every component's logger, such as
// zap.AddCaller(), zap.AddStacktrace(zap.ErrorLevel) or zap.Fields(...).
func WithOptions(opts ...zap.Option) Option {
	return optionFunc(func(c *config) { c.zapOptions = append(c.zapOptions, opts...) })
}

// WithTrustedOwners names users, by uid, that the trust checks (like
// OpenSSH's StrictModes, on every ancestor: see "Trust" in the package
// documentation) trust besides root and the process's effective user to own
// the components file, the directories on its path and its symlinks, and to
// write them through an ACL: a deploy user that installs the file for a
// service running as another user. It adds to the owners trusted by earlier
// calls. On Windows, which has no Unix owners, it does nothing.
func WithTrustedOwners(uids ...int) Option {
	return optionFunc(func(c *config) { c.trusted = append(c.trusted, uids...) })
}

// WithMaxOverride bounds how far ahead the until of an override may be. The
// default is [DefaultMaxOverride], 24 hours: an override is for a debugging
// session, and the components file is for anything longer.
func WithMaxOverride(d time.Duration) Option {
	return optionFunc(func(c *config) { c.maxOverride = d })
}

// withClock makes the registry read the wall clock from now, so that tests
// can step it. Timers still run on the real monotonic clock.
func withClock(now func() time.Time) Option {
	return optionFunc(func(c *config) { c.now = now })
}

// WithDebugLimit sets the limit of every rule that gives no limit= of its
// own, overrides included: the components such a rule makes more verbose
// write at most n entries a second below the default level (see [Parse],
// limit=). n is from 1 to component.MaxLimit; 0, the default, means no
// limit.
func WithDebugLimit(n int) Option {
	return optionFunc(func(c *config) { c.safe.debugLimit = n })
}

// WithRedactKeys adds keys whose values every component redacts, besides
// component.DefaultRedactKeys: whole keys, matched in any case, at any
// depth of objects, groups and maps. Their values are written as
// fingerprints, "[redacted a1b2c3d4]"; see the component package,
// "Redaction".
func WithRedactKeys(keys ...string) Option {
	return optionFunc(func(c *config) { c.safe.redact.Keys = append(slices.Clone(c.safe.redact.Keys), keys...) })
}

// WithoutDefaultRedaction drops component.DefaultRedactKeys, leaving only
// the keys of WithRedactKeys. It is a risk: a credential logged under one
// of the usual names ("authorization", "password", "token", ...) is then
// written as it is, by every component, at every level a rule turns on.
// Values marked with component.Secret stay redacted.
func WithoutDefaultRedaction() Option {
	return optionFunc(func(c *config) { c.safe.redact.NoDefaults = true })
}

// WithRedactKey sets the key of the fingerprints, at least 16 bytes (New
// panics on a shorter one). Give every replica of a fleet the same key,
// from its secret store, and they write the same fingerprint for the same
// secret, so that one token can be followed across replicas. The default
// is a key drawn at random once per process: fingerprints then compare
// within one process's log only.
func WithRedactKey(key []byte) Option {
	key = slices.Clone(key)
	return optionFunc(func(c *config) { c.safe.redact.Key = key })
}

// WithRedactValues makes every component scan every string it logs,
// whatever its key, for a bearer credential ("Bearer <token>") or a JSON
// Web Token, and fingerprint what it finds. It costs a scan of every
// string, so it is off by default.
func WithRedactValues() Option {
	return optionFunc(func(c *config) { c.safe.redact.Values = true })
}
