package slogcore

import (
	"context"
	"log/slog"
	"sync/atomic"

	"go.uber.org/zap/zapcore"
)

// NameKey is the key of the logger name, as in zap's production encoder.
const NameKey = "logger"

// StackKey is the key of a stack trace, as in zap's production encoder.
const StackKey = "stacktrace"

// Core is a zapcore.Core that writes every entry through a slog.Handler.
type Core struct {
	// root is the handler given to New: what other names start from.
	root slog.Handler
	// h is root with the name and then the context preformatted.
	h    slog.Handler
	name string
	// context is the fields given to With, kept to preformat them again
	// under another name.
	context []zapcore.Field
	// other caches h for the last name other than name that wrote through
	// this core, such as a child zap.Logger's from Named.
	other *atomic.Pointer[named]
}

type named struct {
	name string
	h    slog.Handler
}

var _ zapcore.Core = (*Core)(nil)

// New returns a Core that writes through h. Its entries carry no logger
// name until [Core.Named] preformats one.
func New(h slog.Handler) *Core {
	return &Core{root: h, h: h, other: new(atomic.Pointer[named])}
}

// Handler returns the handler the core writes through, with its name and
// context preformatted: a slog front end that writes through it writes
// what the core would.
func (c *Core) Handler() slog.Handler { return c.h }

// Named returns a core whose entries carry name under [NameKey], as the
// first attribute. Entries whose zap logger name is another one, such as a
// child logger's, carry theirs instead.
func (c *Core) Named(name string) *Core {
	return &Core{root: c.root, h: preformat(c.root, name, c.context), name: name, context: c.context, other: new(atomic.Pointer[named])}
}

// preformat returns root with name and then context as its attributes.
func preformat(root slog.Handler, name string, context []zapcore.Field) slog.Handler {
	h := root
	if name != "" {
		h = h.WithAttrs([]slog.Attr{slog.String(NameKey, name)})
	}
	return with(h, context)
}

// with returns h with fields preformatted. A namespace opens a group that
// holds the fields after it and the entry's own, as in zap.
func with(h slog.Handler, fields []zapcore.Field) slog.Handler {
	var enc encoder
	for _, f := range fields {
		if f.Type == zapcore.NamespaceType {
			if attrs := enc.finish(); len(attrs) > 0 {
				h = h.WithAttrs(attrs)
			}
			enc = encoder{}
			h = h.WithGroup(f.Key)
			continue
		}
		enc.add(f)
	}
	if attrs := enc.finish(); len(attrs) > 0 {
		h = h.WithAttrs(attrs)
	}
	return h
}

// Enabled reports whether the handler takes records at lvl's slog level.
func (c *Core) Enabled(lvl zapcore.Level) bool {
	return c.h.Enabled(context.Background(), Level(lvl))
}

// With returns a core that adds fields to every entry.
func (c *Core) With(fields []zapcore.Field) zapcore.Core {
	if len(fields) == 0 {
		return c
	}
	ctx := make([]zapcore.Field, 0, len(c.context)+len(fields))
	ctx = append(append(ctx, c.context...), fields...)
	return &Core{root: c.root, h: with(c.h, fields), name: c.name, context: ctx, other: new(atomic.Pointer[named])}
}

// Check adds the core to ce if the handler takes the entry's level.
func (c *Core) Check(ent zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	if c.Enabled(ent.Level) {
		return ce.AddCore(ent, c)
	}
	return ce
}

// Write hands the entry to the handler as one record.
func (c *Core) Write(ent zapcore.Entry, fields []zapcore.Field) error {
	var pc uintptr
	if ent.Caller.Defined {
		pc = ent.Caller.PC
	}
	r := slog.NewRecord(ent.Time, Level(ent.Level), ent.Message, pc)
	var enc encoder
	for _, f := range fields {
		enc.add(f)
	}
	if ent.Stack != "" {
		enc.attr(slog.String(StackKey, ent.Stack))
	}
	r.AddAttrs(enc.finish()...)
	return c.handler(ent.LoggerName).Handle(context.Background(), r)
}

// handler returns the handler for entries of the zap logger name.
func (c *Core) handler(name string) slog.Handler {
	if name == c.name {
		return c.h
	}
	if n := c.other.Load(); n != nil && n.name == name {
		return n.h
	}
	n := &named{name: name, h: preformat(c.root, name, c.context)}
	c.other.Store(n)
	return n.h
}

// Sync does nothing: a slog.Handler has nothing to flush.
func (c *Core) Sync() error { return nil }
