package component

import (
	"context"
	"log/slog"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/internal/slogcore"
)

// levelHandler is the slog front end of a component whose sink is a slog
// handler: records go to that handler as they are, once the component's
// level lets them through.
//
// Records the component records go to its recorder as zap entries. As a
// gate does, a handler made by WithAttrs or WithGroup while the component
// records gives them root, the handler newLevelHandler made, as their
// sink, and ctx, its attributes and groups since, captured as zap fields
// and namespaces: a flush writes them through root's handler with that
// context, so that a recorder does not keep alive the handler of every
// logger a program derives for a request. A handler made while the
// component did not record has no root, and is the sink of its records,
// with core, a zap core over h.
//
// Records that a scoped rule lets through go to base, the component's
// handler, with the rule's attribute, then the context of h replayed
// (since), so that the attribute stays outside the groups of WithGroup.
//
// It is where the slog front end meets the component's limit, counters
// and redaction, as the gate is for the zap front ends: a record reaches h,
// or a recorder, with its attributes redacted.
type levelHandler struct {
	level *Level
	name  string
	h     slog.Handler
	core  zapcore.Core // over h; nil if root is not the handler itself
	root  *levelHandler
	ctx   []byte
	base  slog.Handler
	// since are the WithAttrs and WithGroup that made h from base.
	since  []func(slog.Handler) slog.Handler
	marked marked[*scopedHandler]
	// secret says that a group opened by WithGroup has a secret key.
	secret bool
}

// scopedHandler is the handler of the records of one scoped rule, and a
// zap core over it for those it records: the sink of those records.
type scopedHandler struct {
	h    slog.Handler
	core zapcore.Core
}

// sinkCore makes *scopedHandler a sink.
func (s *scopedHandler) sinkCore() zapcore.Core { return s.core }

var _ slog.Handler = (*levelHandler)(nil)

func newLevelHandler(level *Level, name string, h slog.Handler, secret bool) *levelHandler {
	lh := &levelHandler{level: level, name: name, h: h, core: slogcore.New(h), base: h, secret: secret}
	lh.root = lh
	return lh
}

// sinkCore makes *levelHandler a sink.
func (h *levelHandler) sinkCore() zapcore.Core { return h.core }

// derive returns the handler that op makes of h's, op adding add to the
// context of recorded entries.
func (h *levelHandler) derive(op func(slog.Handler) slog.Handler, add []zapcore.Field, secret bool) *levelHandler {
	next := op(h.h)
	d := &levelHandler{level: h.level, name: h.name, h: next, base: h.base, since: append(h.since[:len(h.since):len(h.since)], op), secret: secret}
	if h.root == nil || !h.level.recording() {
		d.core = slogcore.New(next)
	} else {
		d.root, d.ctx = h.root, captureContext(h.ctx, add)
	}
	return d
}

// scoped returns the handler of the records that r lets through or
// records.
func (h *levelHandler) scoped(r *Scoped) *scopedHandler {
	return h.marked.get(r, func(zap.Field) *scopedHandler {
		s := h.base.WithAttrs([]slog.Attr{slog.String(scopeFieldKey, r.Condition.text)})
		for _, op := range h.since {
			s = op(s)
		}
		return &scopedHandler{h: s, core: slogcore.New(s)}
	})
}

// sink returns where h's recorded records go, and their context.
func (h *levelHandler) sink() (sink, []byte) {
	if h.root == nil {
		return h, nil
	}
	return h.root, h.ctx
}

// writer returns a core over h's handler, for the flushes of its records.
func (h *levelHandler) writer() zapcore.Core {
	if h.core != nil {
		return h.core
	}
	return slogcore.New(h.h)
}

func (h *levelHandler) Enabled(ctx context.Context, lvl slog.Level) bool {
	zl := zapLevel(lvl)
	lv := h.level
	if zl < zapcore.Level(lv.ctxFloor.Load()) {
		return false
	}
	if v, _ := lv.decide(ctx, zl, h.name); v == drop {
		return false
	}
	return h.h.Enabled(ctx, lvl)
}

// Handle writes or records r as the component's level and ctx decide.
func (h *levelHandler) Handle(ctx context.Context, r slog.Record) error {
	zl := zapLevel(r.Level)
	lv := h.level
	v, rule := lv.decide(ctx, zl, h.name)
	switch {
	case v == drop:
		return nil
	case v == held:
		s, c := h.sink()
		h.recordSlog(&scopeOf(ctx).rec.rec, s, c, zl, r)
		return nil
	case v == recorded:
		if rec := lv.scopedRecorder(); rec != nil {
			// The root's handler of the rule, with h's context, as for
			// the component's own recorder.
			var s sink = h.scoped(rule)
			var c []byte
			if h.root != nil {
				s, c = h.root.scoped(rule), h.ctx
			}
			h.recordSlog(rec, s, c, zl, r)
		}
		return nil
	case v == plain && lv.records(zl):
		if rec := lv.rec.Load(); rec != nil {
			s, c := h.sink()
			h.recordSlog(rec, s, c, zl, r)
		}
		return nil
	}
	flushOnError(ctx, zl)
	if lim := lv.limiter(); lim != nil {
		t := r.Time
		if t.IsZero() {
			t = time.Now()
		}
		if lim.over(lv, zl, &t) {
			return nil
		}
	}
	out := h.h
	if v == scoped {
		rule.count()
		out = h.scoped(rule).h
	} else if zl >= zapcore.ErrorLevel {
		// The handler has the component's name already.
		for _, rec := range []*recorder{lv.rec.Load(), lv.scopedRecorder()} {
			if rec != nil && rec.held.Load() > 0 {
				rec.flush(h.writer(), "", r.Time, introError)
			}
		}
	}
	lv.wrote(zl)
	return out.Handle(ctx, lv.redactor().record(r, h.secret))
}

// recordSlog records r in rec as a zap entry at zl, for s to write with
// the context ctx, its attributes redacted, then converted as the zap
// front end converts them, so that they are frozen like its fields. The
// record's context is not kept.
func (h *levelHandler) recordSlog(rec *recorder, s sink, ctx []byte, zl zapcore.Level, r slog.Record) {
	ent := zapcore.Entry{Level: zl, Time: r.Time, Message: r.Message}
	if r.PC != 0 {
		// slogcore writes the PC as the record's source.
		ent.Caller = zapcore.EntryCaller{Defined: true, PC: r.PC}
	}
	buf := getFields()
	fs := *buf
	if r.Level != slogcore.Level(zl) {
		fs = append(fs, zap.String(slogLevelKey, r.Level.String()))
	}
	// Redacted before the capture: a recorder never holds a secret.
	red := h.level.redactor()
	r.Attrs(func(a slog.Attr) bool {
		a, _ = red.attr(a, h.secret)
		fs = appendAttr(fs, a)
		return true
	})
	*buf = fs
	rec.add(ent, s, ctx, fs)
	putFields(buf)
}

func (h *levelHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return h
	}
	attrs = h.level.redactor().attrs(attrs, h.secret)
	var fs []zap.Field
	if h.level.recording() {
		for _, a := range attrs {
			fs = appendAttr(fs, a)
		}
	}
	return h.derive(func(s slog.Handler) slog.Handler { return s.WithAttrs(attrs) }, fs, h.secret)
}

func (h *levelHandler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	secret := h.secret || h.level.redactor().keys.match(name) != noMatch
	return h.derive(func(s slog.Handler) slog.Handler { return s.WithGroup(name) }, []zap.Field{zap.Namespace(name)}, secret)
}
