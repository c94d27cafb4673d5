package component

import (
	"context"
	"log/slog"
	"runtime"
	"sync/atomic"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/internal/slogcore"
)

// slogLevelKey holds a record's slog level when the zap level written in
// its place does not say it all.
const slogLevelKey = "slog_level"

// zapHandler is the slog front end of a component whose sink is a zap core:
// it writes each record as a zap entry to the component's gated core.
//
// It follows slog's rules for handlers: attributes are resolved, empty ones
// and empty groups are dropped, a group with an empty key is inlined, and a
// group opened by WithGroup appears only once it holds an attribute. Groups
// become zap namespaces, which hold every field after them as slog groups
// do.
type zapHandler struct {
	level *Level
	// core is the component's gated core, with the attributes given to
	// WithAttrs as fields.
	core  zapcore.Core
	name  string
	annot *annotations
	// groups are the groups opened by WithGroup since the last attribute:
	// they become namespaces when an attribute comes to fill them.
	groups []string
	// l and fields, the fields that WithAttrs gave core, make the core of
	// the records that a scoped rule lets through: l's scoped logger's
	// (see Logger.scopedLog), then the rule's field, then fields.
	l              *Logger
	fields         []zap.Field
	opened, record marked[zapcore.Core]
	// hold is the core of the records a request's recorder holds, made
	// by the first.
	hold atomic.Pointer[zapcore.Core]
	// secret says that a group opened by WithGroup has a secret key: every
	// attribute after it is part of its value.
	secret bool
}

// annotations are what the component's zap logger adds to its entries
// beyond the core's work, as its options ask.
type annotations struct {
	caller bool
	stack  [zapcore.ErrorLevel - zapcore.DebugLevel + 1]bool // by level, from Debug
	errors zapcore.WriteSyncer
}

func newZapHandler(l *Logger) *zapHandler {
	return &zapHandler{level: l.level, core: l.log.Core(), name: l.name, annot: annotationsOf(l.log), l: l}
}

// scopedCore returns the core of the records that r lets through (v is
// scoped) or records (v is recorded).
func (h *zapHandler) scopedCore(v verdict, r *Scoped) zapcore.Core {
	m := &h.opened
	if v == recorded {
		m = &h.record
	}
	return m.get(r, func(f zap.Field) zapcore.Core {
		c := h.l.scopedLog(v).Core().With([]zap.Field{f})
		if len(h.fields) > 0 {
			c = c.With(h.fields)
		}
		return c
	})
}

// holdCore returns the core of the records that a request's recorder
// holds.
func (h *zapHandler) holdCore() zapcore.Core {
	if c := h.hold.Load(); c != nil {
		return *c
	}
	c := h.l.scopedLog(held).Core()
	if len(h.fields) > 0 {
		c = c.With(h.fields)
	}
	h.hold.Store(&c)
	return c
}

// annotationsOf finds out which annotations log's options ask for. zap
// keeps its options to itself, so this checks one entry per level on a
// copy of log whose core takes everything, and writes none: the entries
// say whether zap added a caller, a stack trace and its error output.
// Writing records to the core directly, rather than through log.Check,
// spares each record a second reading of the clock (the record has its
// time) and a caller lookup that its program counter makes pointless.
func annotationsOf(log *zap.Logger) *annotations {
	a := new(annotations)
	probe := log.WithOptions(zap.WrapCore(func(zapcore.Core) zapcore.Core { return takeAll{} }))
	for lvl := zapcore.DebugLevel; lvl <= zapcore.ErrorLevel; lvl++ {
		ce := probe.Check(lvl, "")
		a.caller = ce.Caller.Defined
		a.stack[lvl-zapcore.DebugLevel] = ce.Stack != ""
		a.errors = ce.ErrorOutput
	}
	return a
}

// takeAll is a core that takes every entry and writes none.
type takeAll struct{}

func (takeAll) Enabled(zapcore.Level) bool                 { return true }
func (t takeAll) With([]zapcore.Field) zapcore.Core        { return t }
func (takeAll) Write(zapcore.Entry, []zapcore.Field) error { return nil }
func (takeAll) Sync() error                                { return nil }
func (t takeAll) Check(ent zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	return ce.AddCore(ent, t)
}

var _ slog.Handler = (*zapHandler)(nil)

func (h *zapHandler) Enabled(ctx context.Context, lvl slog.Level) bool {
	zl := zapLevel(lvl)
	lv := h.level
	if zl < zapcore.Level(lv.ctxFloor.Load()) {
		return false
	}
	switch v, _ := lv.decide(ctx, zl, h.name); v {
	case plain:
		return h.core.Enabled(zl)
	case drop:
		return false
	case held:
		return h.l.scopedLog(held).Core().Enabled(zl)
	default:
		return h.l.scopedLog(v).Core().Enabled(zl)
	}
}

func (h *zapHandler) Handle(ctx context.Context, r slog.Record) error {
	lvl := zapLevel(r.Level)
	core := h.core
	v, rule := h.level.decide(ctx, lvl, h.name)
	switch v {
	case drop:
		return nil
	case scoped, recorded:
		core = h.scopedCore(v, rule)
	case held:
		core = h.holdCore()
	case plain:
		flushOnError(ctx, lvl)
	}
	ce := core.Check(zapcore.Entry{LoggerName: h.name, Time: r.Time, Level: lvl, Message: r.Message}, nil)
	if ce == nil {
		return nil
	}
	if v == scoped {
		rule.count()
	}
	ce.ErrorOutput = h.annot.errors
	if h.annot.caller {
		ce.Caller = caller(r.PC)
	}
	if h.annot.stack[lvl-zapcore.DebugLevel] {
		// Skip this frame and the slog.Logger method's two.
		ce.Stack = zap.StackSkip("", 3).String
	}
	buf := getFields()
	fs := *buf
	if v == held {
		fs = append(fs, carrier(scopeOf(ctx).rec))
	}
	if r.Level != slogcore.Level(lvl) {
		fs = append(fs, zap.String(slogLevelKey, r.Level.String()))
	}
	open := len(fs)
	fs = h.namespaces(fs)
	start := len(fs)
	red := h.level.redactor()
	r.Attrs(func(a slog.Attr) bool {
		a, _ = red.attr(a, h.secret)
		fs = appendAttr(fs, a)
		return true
	})
	if len(fs) == start {
		fs = fs[:open]
	}
	*buf = fs
	ce.Write(fs...)
	putFields(buf)
	return nil
}

func (h *zapHandler) namespaces(fs []zap.Field) []zap.Field {
	for _, g := range h.groups {
		fs = append(fs, zap.Namespace(g))
	}
	return fs
}

func (h *zapHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	fs := h.namespaces(nil)
	start := len(fs)
	for _, a := range h.level.redactor().attrs(attrs, h.secret) {
		fs = appendAttr(fs, a)
	}
	if len(fs) == start {
		return h
	}
	return &zapHandler{level: h.level, core: h.core.With(fs), name: h.name, annot: h.annot, secret: h.secret,
		l: h.l, fields: append(h.fields[:len(h.fields):len(h.fields)], fs...)}
}

func (h *zapHandler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	groups := make([]string, len(h.groups), len(h.groups)+1)
	copy(groups, h.groups)
	return &zapHandler{level: h.level, core: h.core, name: h.name, annot: h.annot, groups: append(groups, name),
		l: h.l, fields: h.fields, secret: h.secret || h.level.redactor().keys.match(name) != noMatch}
}

// caller returns the entry caller of a record's program counter.
func caller(pc uintptr) zapcore.EntryCaller {
	if pc == 0 {
		return zapcore.EntryCaller{}
	}
	f, _ := runtime.CallersFrames([]uintptr{pc}).Next()
	return zapcore.EntryCaller{Defined: true, PC: f.PC, File: f.File, Line: f.Line, Function: f.Function}
}

// appendAttr appends the field of a, if a is not empty, resolving its value.
func appendAttr(fs []zap.Field, a slog.Attr) []zap.Field {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return append(fs, zap.String(a.Key, v.String()))
	case slog.KindInt64:
		return append(fs, zap.Int64(a.Key, v.Int64()))
	case slog.KindUint64:
		return append(fs, zap.Uint64(a.Key, v.Uint64()))
	case slog.KindFloat64:
		return append(fs, zap.Float64(a.Key, v.Float64()))
	case slog.KindBool:
		return append(fs, zap.Bool(a.Key, v.Bool()))
	case slog.KindDuration:
		return append(fs, zap.Duration(a.Key, v.Duration()))
	case slog.KindTime:
		return append(fs, zap.Time(a.Key, v.Time()))
	case slog.KindGroup:
		attrs := v.Group()
		if !anyAttr(attrs) {
			return fs
		}
		if a.Key == "" {
			for _, g := range attrs {
				fs = appendAttr(fs, g)
			}
			return fs
		}
		return append(fs, zap.Object(a.Key, group(attrs)))
	}
	x := v.Any()
	if x == nil && a.Key == "" {
		return fs // the empty Attr
	}
	if err, ok := x.(error); ok {
		return append(fs, zap.NamedError(a.Key, err))
	}
	return append(fs, zap.Any(a.Key, x))
}

// anyAttr reports whether attrs hold an attribute that is not empty.
func anyAttr(attrs []slog.Attr) bool {
	for _, a := range attrs {
		v := a.Value.Resolve()
		switch {
		case v.Kind() == slog.KindGroup:
			if anyAttr(v.Group()) {
				return true
			}
		case a.Key != "" || v.Kind() != slog.KindAny || v.Any() != nil:
			return true
		}
	}
	return false
}

// group marshals the attributes of a slog group as a zap object.
type group []slog.Attr

func (g group) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	var buf [4]zap.Field
	for _, a := range g {
		for _, f := range appendAttr(buf[:0], a) {
			f.AddTo(enc)
		}
	}
	return nil
}
