package component

import (
	"log/slog"
	"slices"
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
	// scoped holds the loggers of the entries that scoped rules decide
	// (see scopedLog), built by the first such entry.
	scoped atomic.Pointer[scopedLoggers]
	// origin is what log was built from, kept only when zap options wrap
	// the gate in cores of their own (zap.WrapCore, zap.Hooks), so that
	// the gate cannot be swapped for another in log: scopedLog then builds
	// its loggers afresh. Nil otherwise, which spares most components the
	// memory.
	origin *origin
	// Every disabled call reads level through the Logger; the padding keeps
	// objects that are written often out of its cache line. It is not the
	// last field, where a padding of zero bytes would grow the struct.
	_ [cacheLine - 6*unsafe.Sizeof(uintptr(0)) - unsafe.Sizeof("")]byte
	// in returns the Logger of another component of the same set, such as
	// a registry's, for Named; nil for a Logger of New.
	in func(name string) *Logger
}

// scopedLoggers are the loggers of the entries that scoped rules decide:
// open writes the entries a scoped rule or a grant lets through, below the
// component's level, recorder records those a scoped rule records, and
// request those a request's recorder holds.
// Each is built by the first such entry, and then written no more.
type scopedLoggers struct {
	open, recorder, request atomic.Pointer[zap.Logger]
}

// origin is what a Logger's zap logger is built from: the sink, the zap
// options, and the fields of With.
type origin struct {
	core zapcore.Core
	opts []zap.Option
	with []zap.Field
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
	return NewIn(nil, name, core, level, opts...)
}

// NewIn is [New] for a component that belongs to a set of components, such
// as a registry's: [Logger.Named] on the result, and on the Loggers derived
// from it, returns in(name + "." + sub), the set's Logger of that component.
// in must return the same *Logger for the same name; a nil in makes NewIn
// the same as New.
func NewIn(in func(name string) *Logger, name string, core zapcore.Core, level *Level, opts ...zap.Option) *Logger {
	if err := CheckName(name); err != nil {
		panic(err.Error())
	}
	if level == nil {
		level = new(Level)
	}
	// A Level that never had its floors derived, such as a zero one,
	// gets them, so that its first call with a context comes to track it.
	level.mu.Lock()
	level.setFloor()
	level.mu.Unlock()
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
		in:    in,
	}
	if _, ok := l.log.Core().(*gate); !ok {
		// A copy, so that opts itself stays on the stack.
		l.origin = &origin{core: core, opts: slices.Clone(opts)}
	}
	// The first Logger of a Level writes the reports of its limit.
	level.owner.CompareAndSwap(nil, l)
	return l
}

// scopedLog returns the zap logger of the entries that a scoped rule or a
// grant lets through (v is scoped), a scoped rule records (recorded) or a
// request's recorder holds (held): l's, with the same
// options, name and With fields, but with a gate that does not check the
// level, since the caller has decided on it. Building each when the first
// such entry comes keeps its cost off every component that never meets a
// scoped rule.
func (l *Logger) scopedLog(v verdict) *zap.Logger {
	sl := l.scoped.Load()
	if sl == nil {
		l.scoped.CompareAndSwap(nil, new(scopedLoggers))
		sl = l.scoped.Load()
	}
	p := &sl.open
	switch v {
	case recorded:
		p = &sl.recorder
	case held:
		p = &sl.request
	}
	if o := p.Load(); o != nil {
		return o
	}
	var o *zap.Logger
	if g := l.origin; g != nil {
		o = zap.New(&decidedGate{Core: g.core, level: l.level, v: v}, g.opts...).Named(l.name)
		if len(g.with) > 0 {
			o = o.With(g.with...)
		}
	} else {
		// log's core is the gate, with the fields of With: the same
		// logger, with another gate.
		o = l.log.WithOptions(zap.WrapCore(func(c zapcore.Core) zapcore.Core {
			return newDecidedGate(c.(*gate), v)
		}))
	}
	if p.CompareAndSwap(nil, o) {
		return o
	}
	return p.Load()
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
	w := &Logger{level: l.level, name: l.name, log: l.log.With(fields...), in: l.in}
	if o := l.origin; o != nil {
		w.origin = &origin{core: o.core, opts: o.opts, with: append(o.with[:len(o.with):len(o.with)], fields...)}
	}
	return w
}

// Named returns the Logger of the sub-component sub: the component
// <name>.<sub>, so that db.Named("pool") is "db.pool". sub may itself hold
// dots ("pool.conn").
//
// For a Logger of a registry, that is the registry's component, registered
// on first use with the level the rules in force give it: a rule for
// db.pool, or one for db, which covers its descendants, sets it. It is the
// Logger reg.Component("db.pool") returns, so fields added by With are not
// carried over.
//
// For a Logger of New, which belongs to no registry, it is a child that
// shares l's level and fields, and writes under the longer name: no rule can
// tell it apart from l.
//
// Named panics if the name it makes is not a valid component name (see
// [CheckName]), as registering it would. On a nil *Logger it returns nil.
func (l *Logger) Named(sub string) *Logger {
	if l == nil {
		return nil
	}
	name := l.name + "." + sub
	if l.in != nil {
		return l.in(name)
	}
	if err := CheckName(name); err != nil {
		panic(err.Error())
	}
	n := &Logger{level: l.level, name: name, log: l.log.Named(sub)}
	if o := l.origin; o != nil {
		// scopedLog builds from origin: the child's name with it.
		n.origin = &origin{core: o.core, opts: o.opts, with: o.with}
	}
	return n
}

// Zap returns a *zap.Logger that writes as this component does: the same
// name, fields and level, a reload included. Use it for code that takes a
// *zap.Logger. Each call builds a new zap.Logger, so call it once and keep it.
// Named on the result changes the logger name in entries, not the component:
// its level is still this component's, and rules for the longer name do not
// apply to it. Register a component for a sub-system that needs its own level.
func (l *Logger) Zap() *zap.Logger {
	if l != nil && l.origin != nil {
		// Options wrap the gate in cores of their own, where hooked
		// cannot find it: build the logger afresh, with a hookGate, as
		// scopedLog does, so that its callers' fields are redacted too.
		o := l.origin
		z := zap.New(hookGate{&gate{Core: o.core, level: l.level}}, o.opts...).Named(l.name)
		if len(o.with) > 0 {
			z = z.With(o.with...)
		}
		return z.WithOptions(zap.AddCallerSkip(-callerSkip))
	}
	return l.zap().WithOptions(zap.WrapCore(hooked), zap.AddCallerSkip(-callerSkip))
}

// hooked returns the gate c as a hookGate: the fields of a zap.Logger
// come from its caller, never through a buffer of this package, and the
// gate has them redacted before the sink's Write.
func hooked(c zapcore.Core) zapcore.Core {
	if g, ok := c.(*gate); ok {
		return hookGate{g}
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
	writeEntry(l.zap().Check(lvl, msg), redactorOf(l), nil, fields)
}

// writeEntry writes ce, if not nil, with fields, after the field that
// marks an entry a scoped rule let through if r is not nil. It copies the
// fields into a pooled buffer, so that fields does not escape, and redacts
// the copy with red.
func writeEntry(ce *zapcore.CheckedEntry, red *Redactor, r *Scoped, fields []zap.Field) {
	if ce == nil {
		return
	}
	if len(fields) == 0 && r == nil {
		ce.Write()
		return
	}
	buf := getFields()
	if r != nil {
		// First, so that it stays outside any namespace the fields open.
		*buf = append(*buf, r.field())
	}
	*buf = append(*buf, fields...)
	red.fields(*buf)
	ce.Write(*buf...)
	putFields(buf)
}
