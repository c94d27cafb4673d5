package component

import (
	"context"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// Bound is a component's logger for the work that a context carries: what
// [Logger.Ctx] returns. Its calls write what the component's own level
// lets through, and also, below it, what a scoped rule lets through for
// the scope of the context (see [WithScope] and [Level.SetScoped]).
//
// A Bound is a small value: binding costs no allocation, and a Bound may be
// kept for as long as its context, such as the length of a request. It
// reads the rules in force at each call, not when it was bound: a scoped
// rule set while a request is in flight applies from that request's next
// call, and a rule that expires makes the next call quiet again. The zero
// Bound, like a nil *Logger, discards everything.
type Bound struct {
	// lv is l's level, nil for a nil Logger: the inlined checks read it
	// with one load less, which keeps them within the inlining budget.
	lv  *Level
	l   *Logger
	ctx context.Context
}

// Ctx returns the component's logger for the work that ctx carries:
//
//	log := db.Ctx(r.Context())
//	log.Debug("query", zap.String("sql", q))      // written for a scope a rule names
//	log.DebugEvent().Int("rows", n).Msg("query")  // the event form, likewise
//
// With no scoped rule covering the component, a disabled call through the
// Bound costs what the same call on l costs, one atomic load, and reads no
// context. With one, a call below the component's level but at or above
// the rule's reads the context once (one ctx.Value walk) to decide. A nil
// ctx carries no scope.
func (l *Logger) Ctx(ctx context.Context) Bound {
	if l == nil {
		return Bound{}
	}
	return Bound{lv: l.level, l: l, ctx: ctx}
}

// Debug logs msg and fields at DebugLevel, for the work of the context.
func (b Bound) Debug(msg string, fields ...zap.Field) {
	if b.lv != nil && b.lv.ctxFloor.Load() <= int32(zapcore.DebugLevel) {
		b.write(zapcore.DebugLevel, msg, fields)
	}
}

// Info logs msg and fields at InfoLevel, for the work of the context.
func (b Bound) Info(msg string, fields ...zap.Field) {
	if b.lv != nil && b.lv.ctxFloor.Load() <= int32(zapcore.InfoLevel) {
		b.write(zapcore.InfoLevel, msg, fields)
	}
}

// Warn logs msg and fields at WarnLevel, for the work of the context.
func (b Bound) Warn(msg string, fields ...zap.Field) {
	if b.lv != nil && b.lv.ctxFloor.Load() <= int32(zapcore.WarnLevel) {
		b.write(zapcore.WarnLevel, msg, fields)
	}
}

// Error logs msg and fields at ErrorLevel, for the work of the context.
func (b Bound) Error(msg string, fields ...zap.Field) {
	if b.lv != nil && b.lv.ctxFloor.Load() <= int32(zapcore.ErrorLevel) {
		b.write(zapcore.ErrorLevel, msg, fields)
	}
}

// Enabled reports whether an entry at lvl, logged through b, would be
// kept: written or recorded by the component's own level, or written or
// recorded because a scoped rule's condition holds for the context. Like
// [Logger.Enabled], it guards fields that are costly to build.
func (b Bound) Enabled(lvl zapcore.Level) bool {
	return b.lv != nil && b.lv.ctxFloor.Load() <= int32(lvl) && b.enabled(lvl)
}

// DebugEvent starts an entry at DebugLevel for the work of the context, or
// returns nil if it would not be kept. See [Event].
func (b Bound) DebugEvent() *Event {
	if b.lv != nil && b.lv.ctxFloor.Load() <= int32(zapcore.DebugLevel) {
		return b.event(zapcore.DebugLevel)
	}
	return nil
}

// InfoEvent starts an entry at InfoLevel for the work of the context, or
// returns nil if it would not be kept. See [Event].
func (b Bound) InfoEvent() *Event {
	if b.lv != nil && b.lv.ctxFloor.Load() <= int32(zapcore.InfoLevel) {
		return b.event(zapcore.InfoLevel)
	}
	return nil
}

// WarnEvent starts an entry at WarnLevel for the work of the context, or
// returns nil if it would not be kept. See [Event].
func (b Bound) WarnEvent() *Event {
	if b.lv != nil && b.lv.ctxFloor.Load() <= int32(zapcore.WarnLevel) {
		return b.event(zapcore.WarnLevel)
	}
	return nil
}

// ErrorEvent starts an entry at ErrorLevel for the work of the context, or
// returns nil if it would not be kept. See [Event].
func (b Bound) ErrorEvent() *Event {
	if b.lv != nil && b.lv.ctxFloor.Load() <= int32(zapcore.ErrorLevel) {
		return b.event(zapcore.ErrorLevel)
	}
	return nil
}

// write is the slow half of the level methods. The frames between the
// caller and zap's Check are the level method and write, as for Logger's
// level methods: the same caller skip serves. A method of Bound, rather
// than of Logger with the context as an argument, so that the level
// methods stay within the compiler's inlining budget.
func (b Bound) write(lvl zapcore.Level, msg string, fields []zap.Field) {
	l := b.l
	v, r := plain, (*Scoped)(nil)
	if int32(lvl) < b.lv.written.Load() {
		v, r = b.lv.decideBelow(b.ctx, lvl, l.name)
	} else {
		flushOnError(b.ctx, lvl)
	}
	switch v {
	case plain:
		writeEntry(l.log.Check(lvl, msg), redactorOf(l), nil, fields)
	case scoped, recorded:
		if ce := l.scopedLog(v).Check(lvl, msg); ce != nil {
			if v == scoped {
				r.count()
			}
			writeEntry(ce, redactorOf(l), r, fields)
		}
	case held:
		holdEntry(l.scopedLog(held).Check(lvl, msg), redactorOf(l), scopeOf(b.ctx).rec, fields)
	}
}

// holdEntry writes ce, if not nil, with the carrier of rec before fields,
// so that the decidedGate records it in rec. Like writeEntry, it copies
// the fields into a pooled buffer, so that fields does not escape, and
// redacts the copy with red.
func holdEntry(ce *zapcore.CheckedEntry, red *Redactor, rec *RequestRecorder, fields []zap.Field) {
	if ce == nil {
		return
	}
	buf := getFields()
	*buf = append(*buf, carrier(rec))
	*buf = append(*buf, fields...)
	red.fields((*buf)[1:])
	ce.Write(*buf...)
	putFields(buf)
}

// event is the slow half of the Event constructors.
func (b Bound) event(lvl zapcore.Level) *Event {
	l := b.l
	v, r := plain, (*Scoped)(nil)
	if int32(lvl) < b.lv.written.Load() {
		v, r = b.lv.decideBelow(b.ctx, lvl, l.name)
	} else {
		flushOnError(b.ctx, lvl)
	}
	switch v {
	case plain:
		return l.event(lvl)
	case scoped, recorded:
		log := l.scopedLog(v)
		if !log.Core().Enabled(lvl) {
			return nil
		}
		if v == scoped {
			r.count()
		}
		e := newEvent(log, redactorOf(l), lvl)
		e.fields = append(e.fields, r.field())
		return e
	case held:
		log := l.scopedLog(held)
		if !log.Core().Enabled(lvl) {
			return nil
		}
		e := newEvent(log, redactorOf(l), lvl)
		e.fields = append(e.fields, carrier(scopeOf(b.ctx).rec))
		return e
	}
	return nil
}

// enabled is the slow half of Enabled, kept out of line so that Enabled
// inlines.
//
//go:noinline
func (b Bound) enabled(lvl zapcore.Level) bool {
	v, _ := b.l.level.decide(b.ctx, lvl, b.l.name)
	return v != drop
}

// Zap returns a *zap.Logger that writes as b does: the component's, as
// [Logger.Zap] returns it, deciding each entry with b's context. Each call
// builds a new zap.Logger: call it once per piece of work, such as a
// request, and keep it for its length.
func (b Bound) Zap() *zap.Logger {
	z := b.l.Zap()
	if b.l == nil {
		return z
	}
	l, ctx := b.l, b.ctx
	return z.WithOptions(zap.WrapCore(func(c zapcore.Core) zapcore.Core {
		return &ctxCore{Core: c, l: l, ctx: ctx}
	}))
}

// Sugar returns a *zap.SugaredLogger that writes as b does, like
// [Bound.Zap].
func (b Bound) Sugar() *zap.SugaredLogger {
	return b.Zap().Sugar()
}
