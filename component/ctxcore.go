package component

import (
	"context"

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
	// open is the core of Logger.scopedLog, and fields those given to
	// With since: the core of the entries a scoped rule lets through is
	// open, then the rule's field, then fields.
	open   zapcore.Core
	fields []zap.Field
	marked marked[zapcore.Core]
	level  *Level
	ctx    context.Context
}

var _ zapcore.Core = (*ctxCore)(nil)

func (c *ctxCore) Enabled(lvl zapcore.Level) bool {
	if zapcore.Level(c.level.ctxFloor.Load()) > lvl {
		return false
	}
	switch v, _ := c.level.decide(c.ctx, lvl); v {
	case plain:
		return c.Core.Enabled(lvl)
	case scoped:
		return c.open.Enabled(lvl)
	}
	return false
}

// Level lets zapcore.LevelOf report the least severe level that the
// context may make the component keep.
func (c *ctxCore) Level() zapcore.Level {
	return min(zapcore.LevelOf(c.Core), max(zapcore.Level(c.level.ctxFloor.Load()), zapcore.LevelOf(c.open)))
}

func (c *ctxCore) With(fields []zapcore.Field) zapcore.Core {
	return &ctxCore{
		Core:   c.Core.With(fields),
		open:   c.open,
		fields: append(c.fields[:len(c.fields):len(c.fields)], fields...),
		level:  c.level,
		ctx:    c.ctx,
	}
}

func (c *ctxCore) Check(ent zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	if zapcore.Level(c.level.ctxFloor.Load()) > ent.Level {
		return ce
	}
	switch v, r := c.level.decide(c.ctx, ent.Level); v {
	case plain:
		return c.Core.Check(ent, ce)
	case scoped:
		core := c.marked.get(r, func(f zap.Field) zapcore.Core {
			return c.open.With([]zap.Field{f}).With(c.fields)
		})
		out := core.Check(ent, ce)
		if out != ce {
			r.count()
		}
		return out
	}
	return ce
}
