package component

import (
	"log/slog"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/internal/slogcore"
)

// Slog returns a *slog.Logger that writes as this component does, for code
// written against log/slog: the same sink, the component's name under the
// key "logger", the fields given to [Logger.With], and above all the
// component's level, read live at every call, so that a reload turns its
// debug lines on and off as it does the zap methods'.
//
// Loggers derived from it by With and WithGroup, and handlers derived from
// its handler by WithAttrs and WithGroup, keep that level: it stays the
// component's. A disabled call costs what slog's own disabled call costs,
// one atomic load behind the handler's Enabled, and allocates nothing of its
// own (Go may still box a variable passed as an ...any argument, as for any
// slog call; LogAttrs avoids it).
//
// Slog builds the logger on its first call and returns the same one after
// that. On a nil *Logger it returns a logger that discards everything.
//
// # Levels
//
// slog has more levels than zap. Each is gated as the zap level it falls in:
//
//	slog level                zap level
//	below LevelInfo           Debug
//	[LevelInfo, LevelWarn)    Info
//	[LevelWarn, LevelError)   Warn
//	LevelError and above      Error
//
// So a component at Debug writes slog.LevelDebug-4, and a component at Warn
// drops slog.LevelInfo+2. The handler's Enabled is the component's
// [Logger.Enabled] of that zap level, further capped by the sink's own
// level. A record keeps its own slog level: a slog handler given to
// registry.WithHandler receives it unchanged, and a zap core writes the
// zap level, adding the slog level under the key "slog_level" when it is
// not one of slog's four (LevelInfo+2 writes "level":"info" and
// "slog_level":"INFO+2").
//
// # Sinks
//
// When the component writes to a zap core, records become zap entries:
// attributes become fields of the same kind, groups become nested objects,
// and the record's time and source are the entry's time and caller. The
// component's zap options still decide what is written: the caller only
// with zap.AddCaller, a stack trace only at the levels zap.AddStacktrace
// names. When
// the component writes to a slog handler (registry.WithHandler), records go
// to that handler as they are, with the component's name preformatted.
func (l *Logger) Slog() *slog.Logger {
	if l == nil {
		return discard
	}
	if s := l.slog.Load(); s != nil {
		return s
	}
	s := slog.New(l.slogHandler())
	if l.slog.CompareAndSwap(nil, s) {
		return s
	}
	return l.slog.Load()
}

var discard = slog.New(slog.DiscardHandler)

// slogHandler returns the handler of the component's slog front end: the
// sink's own handler behind the component's level if the sink is a slog
// handler, and a handler that converts records to zap entries otherwise.
func (l *Logger) slogHandler() slog.Handler {
	if g, ok := l.log.Core().(*gate); ok {
		if c, ok := sinkOf(g.Core).(*slogcore.Core); ok {
			return newLevelHandler(l.level, l.name, c.Handler(), false)
		}
	}
	return newZapHandler(l)
}

// zapLevel returns the zap level that gates a slog level, as [Logger.Slog]
// documents.
func zapLevel(l slog.Level) zapcore.Level { return slogcore.ZapLevel(l) }
