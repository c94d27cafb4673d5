package registry

import (
	"log/slog"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// Option configures a Registry.
type Option interface {
	apply(*Registry)
}

type optionFunc func(*Registry)

func (f optionFunc) apply(r *Registry) { f(r) }

// WithCore sets the zap core every component writes to. Its own level caps
// what any rule can turn on: give it zapcore.DebugLevel so that rules can
// enable debug. The default is zap's production JSON encoder writing to
// stderr at DebugLevel, with no sampling.
func WithCore(core zapcore.Core) Option {
	return optionFunc(func(r *Registry) {
		r.core = core
		r.setSink("WithCore", core != nil)
	})
}

// WithDefaultLevel sets the level of every component that no rule covers.
// The default is Info.
func WithDefaultLevel(l zapcore.Level) Option {
	return optionFunc(func(r *Registry) { r.defaultLevel = l })
}

// WithFile sets the components file that Reload reads. A relative path is
// resolved against the working directory at each Reload; the watcher makes
// its path absolute once, when it starts, so give both an absolute path if
// the program changes directory.
func WithFile(path string) Option {
	return optionFunc(func(r *Registry) { r.file = path })
}

// WithOptions adds zap options to every component's logger, such as
// zap.AddCaller(), zap.AddStacktrace(zap.ErrorLevel) or zap.Fields(...).
func WithOptions(opts ...zap.Option) Option {
	return optionFunc(func(r *Registry) { r.zapOptions = append(r.zapOptions, opts...) })
}

// WithHandler makes every component write through the slog handler h
// instead of a zap core: its zap methods, the loggers returned by its Zap,
// Sugar and Slog methods, and the registry's own acknowledgements on
// "scopelog". A program that already has a slog handler it likes (JSON to
// stdout, journald, an OpenTelemetry bridge) keeps it, and gains per-component
// levels.
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
// with [WithCore]: give it slog.LevelDebug so that rules can enable debug. A
// reload whose rules ask for a level h drops says so in its acknowledgement.
// A nil h means the default, as if WithHandler were not given.
//
// WithCore and WithHandler both name the sink, so giving both is a
// programming error: [New] panics with a message saying so.
func WithHandler(h slog.Handler) Option {
	return optionFunc(func(r *Registry) {
		r.handler = h
		r.setSink("WithHandler", h != nil)
	})
}

// setSink records that the option name set the sink, or did not (a nil
// core or handler, which means the default), so that New can refuse two
// different ones.
func (r *Registry) setSink(name string, set bool) {
	if !set {
		return
	}
	if r.sink != "" && r.sink != name && r.conflict == "" {
		r.conflict = r.sink + " and " + name
	}
	r.sink = name
}
