package component

import (
	"context"
	"sync/atomic"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// ctxCore is the core of the zap logger of Bound.Zap: it decides each
// entry with the bound context, as the methods of Bound do.
type ctxCore struct {
	// Core is the component's core, the gate, as the logger of
	// Logger.Zap has it: with its fields, and wrapped by the zap options
	// that wrap cores.
	zapcore.Core
	// l makes the cores of the entries that a scoped rule writes or
	// records: those of Logger.scopedLog, then the rule's field, then the
	// fields given to With since.
	l              *Logger
	fields         []zap.Field
	opened, record marked[zapcore.Core]
	ctx            context.Context
	// hold holds the entries of the context's request recorder: made by
	// the first, since the context, and so the recorder, is fixed.
	hold atomic.Pointer[holdCore]
}

// holdCore records the entries it is given in a request's recorder,
// through the decidedGate of the component's held entries.
type holdCore struct {
	zapcore.Core // the decidedGate, with the fields of With
	rec          *RequestRecorder
}

func (h *holdCore) Check(ent zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	if !h.Core.Enabled(ent.Level) {
		return ce
	}
	return ce.AddCore(ent, h)
}

func (h *holdCore) Write(ent zapcore.Entry, fields []zapcore.Field) error {
	return h.Core.Write(ent, append([]zapcore.Field{carrier(h.rec)}, fields...))
}

var _ zapcore.Core = (*ctxCore)(nil)

func (c *ctxCore) Enabled(lvl zapcore.Level) bool {
	if zapcore.Level(c.l.level.ctxFloor.Load()) > lvl {
		return false
	}
	switch v, _ := c.l.level.decide(c.ctx, lvl, c.l.name); v {
	case plain:
		return c.Core.Enabled(lvl)
	case drop:
		return false
	case held:
		return c.l.scopedLog(held).Core().Enabled(lvl)
	default:
		return c.l.scopedLog(v).Core().Enabled(lvl)
	}
}

// Level lets zapcore.LevelOf report the least severe level that the
// context may make the component keep.
func (c *ctxCore) Level() zapcore.Level {
	return min(zapcore.LevelOf(c.Core), max(zapcore.Level(c.l.level.ctxFloor.Load()), zapcore.LevelOf(c.l.scopedLog(scoped).Core())))
}

func (c *ctxCore) With(fields []zapcore.Field) zapcore.Core {
	return &ctxCore{
		Core:   c.Core.With(fields),
		l:      c.l,
		fields: append(c.fields[:len(c.fields):len(c.fields)], fields...),
		ctx:    c.ctx,
	}
}

func (c *ctxCore) Check(ent zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	if zapcore.Level(c.l.level.ctxFloor.Load()) > ent.Level {
		return ce
	}
	v, r := c.l.level.decide(c.ctx, ent.Level, c.l.name)
	switch v {
	case plain:
		flushOnError(c.ctx, ent.Level)
		return c.Core.Check(ent, ce)
	case drop:
		return ce
	case held:
		h := c.hold.Load()
		if h == nil {
			h = &holdCore{Core: c.l.scopedLog(held).Core().With(c.fields), rec: scopeOf(c.ctx).rec}
			c.hold.Store(h)
		}
		return h.Check(ent, ce)
	}
	m := &c.opened
	if v == recorded {
		m = &c.record
	}
	core := m.get(r, func(f zap.Field) zapcore.Core {
		return c.l.scopedLog(v).Core().With([]zap.Field{f}).With(c.fields)
	})
	out := core.Check(ent, ce)
	if out != ce && v == scoped {
		r.count()
		// The fields come from the caller, to Write: redacted as those
		// of Logger.Zap are.
		out = out.Before(ent, c.l.level.redactor().hook)
	}
	return out
}
