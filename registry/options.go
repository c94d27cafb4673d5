package registry

import (
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
	return optionFunc(func(r *Registry) { r.core = core })
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
