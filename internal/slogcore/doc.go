// Package slogcore is a zap core that writes through a log/slog handler, so
// that the zap loggers of a registry built with registry.WithHandler keep the
// program's own slog handler as their sink.
//
// # Conversion
//
// An entry becomes a slog.Record at the entry's time, with the caller's
// program counter when zap recorded one. Fields become attributes of their
// own kind: strings, integers, floats, bools, durations and times keep their
// type, an error stays an error (so the handler sees its value, not only its
// text), an object becomes a group, and a namespace becomes a group that
// holds every field after it, as zap nests them. The logger name is
// preformatted as the attribute "logger" by [Core.Named].
//
// zap levels become slog levels: Debug, Info, Warn as themselves, and Error
// and above (DPanic, Panic, Fatal) as slog.LevelError. The handler's Enabled
// is the core's, so that a handler at Info drops zap's Debug entries.
//
// # Concurrency
//
// A Core is safe for concurrent use if its handler is, as every slog.Handler
// must be.
package slogcore
