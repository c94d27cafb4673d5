package component

import (
	"context"
	"log/slog"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/internal/slogcore"
)

// levelHandler is the slog front end of a component whose sink is a slog
// handler: records go to that handler as they are, once the component's
// level lets them through.
//
// Records the component records go to its recorder as zap entries, with
// core, a zap core over h, as their sink: a flush writes them through h,
// and the context of h (WithAttrs, WithGroup) with them.
//
// Records that a scoped rule lets through go to base, the component's
// handler, with the rule's attribute, then the context of h replayed, so
// that the attribute stays outside the groups of WithGroup.
type levelHandler struct {
	level *Level
	h     slog.Handler
	core  zapcore.Core
	base  slog.Handler
	// since are the WithAttrs and WithGroup that made h from base.
	since  []func(slog.Handler) slog.Handler
	marked marked[*scopedHandler]
}

// scopedHandler is the handler of the records of one scoped rule, and a
// zap core over it for those it records.
type scopedHandler struct {
	h    slog.Handler
	core zapcore.Core
}

var _ slog.Handler = (*levelHandler)(nil)

func newLevelHandler(level *Level, h slog.Handler) *levelHandler {
	return &levelHandler{level: level, h: h, core: slogcore.New(h), base: h}
}

// derive returns the handler that op makes of h's.
func (h *levelHandler) derive(op func(slog.Handler) slog.Handler) *levelHandler {
	d := newLevelHandler(h.level, op(h.h))
	d.base, d.since = h.base, append(h.since[:len(h.since):len(h.since)], op)
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

func (h *levelHandler) Enabled(ctx context.Context, lvl slog.Level) bool {
	zl := zapLevel(lvl)
	lv := h.level
	if zl < zapcore.Level(lv.ctxFloor.Load()) {
		return false
	}
	if v, _ := lv.decide(ctx, zl); v == drop {
		return false
	}
	return h.h.Enabled(ctx, lvl)
}

// Handle writes or records r as the component's level and ctx decide.
func (h *levelHandler) Handle(ctx context.Context, r slog.Record) error {
	zl := zapLevel(r.Level)
	switch v, rule := h.level.decide(ctx, zl); {
	case v == drop:
		return nil
	case v == scoped:
		rule.count()
		return h.scoped(rule).h.Handle(ctx, r)
	case v == recorded:
		if rec := h.level.scopedRecorder(); rec != nil {
			recordSlog(rec, h.scoped(rule).core, zl, r)
		}
		return nil
	case h.level.records(zl):
		if rec := h.level.rec.Load(); rec != nil {
			recordSlog(rec, h.core, zl, r)
		}
		return nil
	}
	if zl >= zapcore.ErrorLevel {
		// The handler has the component's name already.
		for _, rec := range []*recorder{h.level.rec.Load(), h.level.scopedRecorder()} {
			if rec != nil && rec.held.Load() > 0 {
				rec.flush(h.core, "", r.Time, introError)
			}
		}
	}
	return h.h.Handle(ctx, r)
}

// recordSlog records r in rec as a zap entry at zl, for core to write, its
// attributes converted as the zap front end converts them, so that they
// are frozen like its fields. The record's context is not kept.
func recordSlog(rec *recorder, core zapcore.Core, zl zapcore.Level, r slog.Record) {
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
	r.Attrs(func(a slog.Attr) bool {
		fs = appendAttr(fs, a)
		return true
	})
	*buf = fs
	rec.add(ent, core, fs)
	putFields(buf)
}

func (h *levelHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return h
	}
	return h.derive(func(s slog.Handler) slog.Handler { return s.WithAttrs(attrs) })
}

func (h *levelHandler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	return h.derive(func(s slog.Handler) slog.Handler { return s.WithGroup(name) })
}
