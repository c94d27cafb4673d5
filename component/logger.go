package component

import (
	"log/slog"
	"sync/atomic"
	"unsafe"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/internal/slogcore"
)

// Logger is the logger of one named component. Its methods are safe to call
// on a nil *Logger, which discards everything (but Panic still panics and
// Fatal still exits, as with zap's no-op logger). Loggers come from [New] or
// from a registry; a Logger struct built any other way is invalid.
//
// A Logger is cheap to keep and should be created once, by the registry or by
// [New], and stored; its level methods then cost one atomic load when their
// level is disabled.
type Logger struct {
	level *Level
	name  string
	// log is the gated zap logger, named after the component, with a caller
	// skip that accounts for this package's frames.
	log *zap.Logger
	// slog is the front end built by the first call to Slog. It is written
	// once, so it does not count among the often-written objects below.
	slog atomic.Pointer[slog.Logger]
	// Every disabled call reads level through the Logger; the padding keeps
	// objects that are written often out of its cache line.
	_ [cacheLine - 3*unsafe.Sizeof(uintptr(0)) - unsafe.Sizeof("")]byte
}

// callerSkip is the number of this package's frames between the caller and
// zap's Check: a level method and write, or Check and check. An inlined
// method still counts, since the runtime reports inlined frames.
const callerSkip = 2

// New returns the Logger of the component name, writing to core whenever
// level allows it. The options are zap's (zap.AddCaller,
// zap.AddStacktrace, zap.Development, ...). A nil level means a new Level at
// Info.
//
// New panics if name is not a valid component name (see [CheckName]): a bad
// name is a programming error, as with regexp.MustCompile.
func New(name string, core zapcore.Core, level *Level, opts ...zap.Option) *Logger {
	if err := CheckName(name); err != nil {
		panic(err.Error())
	}
	if level == nil {
		level = new(Level)
	}
	if core == nil {
		core = zapcore.NewNopCore()
	}
	if c, ok := core.(*slogcore.Core); ok {
		// A slog handler takes the name as a preformatted attribute.
		core = c.Named(name)
	}
	opts = append(opts[:len(opts):len(opts)], zap.AddCallerSkip(callerSkip))
	l := &Logger{
		level: level,
		name:  name,
		log:   zap.New(&gate{Core: core, level: level}, opts...).Named(name),
	}
	// The first Logger of a Level writes the reports of its limit.
	level.owner.CompareAndSwap(nil, l)
	return l
}

// Name returns the component's name, or "" for a nil *Logger.
func (l *Logger) Name() string {
	if l == nil {
		return ""
	}
	return l.name
}

// Level returns the component's current level: the least severe level it
// writes. A component that records (see [Level.SetRecord]) reports the level
// it writes, not the levels it records below it. A nil *Logger, which writes
// nothing, reports zapcore.InvalidLevel.
func (l *Logger) Level() zapcore.Level {
	if l == nil {
		return zapcore.InvalidLevel
	}
	return l.level.Level()
}

// Enabled reports whether the component keeps entries at lvl: writes them,
// or records them (see [Level.SetRecord]). Use it to skip building costly
// fields. It consults the component's level only: a base core whose own
// level is higher still drops the entry.
//
// A component that records reports true for the levels it records, as the
// loggers of [Logger.Zap] and [Logger.Slog] do, so that a guarded entry is
// recorded like any other: the recorder exists to keep the debug lines that
// explain an error, and the costly ones are often those. Guarded fields are
// then built while the component records; [Logger.Level] tells the level
// written.
func (l *Logger) Enabled(lvl zapcore.Level) bool {
	return l != nil && l.level.keeps(lvl)
}

// Check returns a CheckedEntry if an entry at lvl would be written, and nil
// otherwise, like zap's Logger.Check. Unlike the level methods it is not
// inlined, and fields passed to its Write escape to the heap: to skip building
// costly fields, [Logger.Enabled] is the cheaper guard.
func (l *Logger) Check(lvl zapcore.Level, msg string) *zapcore.CheckedEntry {
	if lvl < zapcore.DPanicLevel && !l.Enabled(lvl) {
		return nil
	}
	ce := l.check(lvl, msg)
	if ce != nil {
		// The fields come later, from the caller, to Write.
		ce = ce.Before(ce.Entry, redactorOf(l).hook)
	}
	return ce
}

// check exists so that Check has the same number of frames above zap as
// the level methods, and one caller skip serves both.
func (l *Logger) check(lvl zapcore.Level, msg string) *zapcore.CheckedEntry {
	return l.zap().Check(lvl, msg)
}

// Debug logs msg and fields at DebugLevel.
func (l *Logger) Debug(msg string, fields ...zap.Field) {
	if l != nil && l.level.floor.Load() <= int32(zapcore.DebugLevel) {
		l.write(zapcore.DebugLevel, msg, fields)
	}
}

// Info logs msg and fields at InfoLevel.
func (l *Logger) Info(msg string, fields ...zap.Field) {
	if l != nil && l.level.floor.Load() <= int32(zapcore.InfoLevel) {
		l.write(zapcore.InfoLevel, msg, fields)
	}
}

// Warn logs msg and fields at WarnLevel.
func (l *Logger) Warn(msg string, fields ...zap.Field) {
	if l != nil && l.level.floor.Load() <= int32(zapcore.WarnLevel) {
		l.write(zapcore.WarnLevel, msg, fields)
	}
}

// Error logs msg and fields at ErrorLevel.
func (l *Logger) Error(msg string, fields ...zap.Field) {
	if l != nil && l.level.floor.Load() <= int32(zapcore.ErrorLevel) {
		l.write(zapcore.ErrorLevel, msg, fields)
	}
}

// DPanic logs msg and fields at DPanicLevel, then panics if the logger was
// built with zap.Development, as zap does.
func (l *Logger) DPanic(msg string, fields ...zap.Field) {
	l.write(zapcore.DPanicLevel, msg, fields)
}

// Panic logs msg and fields at PanicLevel, then panics, even when the level
// is disabled.
func (l *Logger) Panic(msg string, fields ...zap.Field) {
	l.write(zapcore.PanicLevel, msg, fields)
}

// Fatal logs msg and fields at FatalLevel, then exits the process (through
// zap's fatal hook), even when the level is disabled.
func (l *Logger) Fatal(msg string, fields ...zap.Field) {
	l.write(zapcore.FatalLevel, msg, fields)
}

// With returns a Logger of the same component that adds fields to every
// entry. It shares l's level: a reload changes both.
func (l *Logger) With(fields ...zap.Field) *Logger {
	if l == nil || len(fields) == 0 {
		return l
	}
	return &Logger{level: l.level, name: l.name, log: l.log.With(fields...)}
}

// Zap returns a *zap.Logger that writes as this component does: the same
// name, fields and level, a reload included. Use it for code that takes a
// *zap.Logger. Each call builds a new zap.Logger, so call it once and keep it.
// Named on the result changes the logger name in entries, not the component:
// its level is still this component's, and rules for the longer name do not
// apply to it. Register a component for a sub-system that needs its own level.
func (l *Logger) Zap() *zap.Logger {
	return l.zap().WithOptions(zap.WrapCore(hooked), zap.AddCallerSkip(-callerSkip))
}

// hooked returns the gate c with its hook set: the fields of a zap.Logger
// come from its caller, never through a buffer of this package, and the
// gate has them redacted before the sink's Write.
func hooked(c zapcore.Core) zapcore.Core {
	if g, ok := c.(*gate); ok && !g.hook {
		h := *g
		h.hook = true
		return &h
	}
	return c
}

// Sugar returns a *zap.SugaredLogger gated by the component's level, like
// [Logger.Zap].
func (l *Logger) Sugar() *zap.SugaredLogger {
	return l.Zap().Sugar()
}

// nop stands in for the zap logger of a nil *Logger, so that Panic still
// panics and Fatal still exits.
var nop = zap.NewNop().WithOptions(zap.AddCallerSkip(callerSkip))

func (l *Logger) zap() *zap.Logger {
	if l == nil {
		return nop
	}
	return l.log
}

// write is the slow half of every level method, kept out of line so that the
// level check inlines into the caller. It copies fields into a pooled buffer:
// fields itself never escapes, so the caller's variadic slice stays on the
// caller's stack whether or not the level is enabled. The copy is where
// the fields are redacted, before anything encodes or records them.
func (l *Logger) write(lvl zapcore.Level, msg string, fields []zap.Field) {
	ce := l.zap().Check(lvl, msg)
	if ce == nil {
		return
	}
	if len(fields) == 0 {
		ce.Write()
		return
	}
	buf := getFields()
	*buf = append((*buf)[:0], fields...)
	redactorOf(l).fields(*buf)
	ce.Write(*buf...)
	putFields(buf)
}
