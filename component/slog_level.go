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
// Records the component records go to its recorder as zap entries. As a
// gate does, a handler made by WithAttrs or WithGroup while the component
// records gives them root, the handler newLevelHandler made, as their
// sink, and ctx, its attributes and groups since, captured as zap fields
// and namespaces: a flush writes them through root's handler with that
// context, so that a recorder does not keep alive the handler of every
// logger a program derives for a request. A handler made while the
// component did not record has no root, and is the sink of its records,
// with core, a zap core over h.
type levelHandler struct {
	level *Level
	h     slog.Handler
	core  zapcore.Core // over h; nil if root is not the handler itself
	root  *levelHandler
	ctx   []byte
}

var _ slog.Handler = (*levelHandler)(nil)

func newLevelHandler(level *Level, h slog.Handler) *levelHandler {
	lh := &levelHandler{level: level, h: h, core: slogcore.New(h)}
	lh.root = lh
	return lh
}

// sinkCore makes *levelHandler a sink.
func (h *levelHandler) sinkCore() zapcore.Core { return h.core }

// derive returns a handler over next, made from h by WithAttrs or
// WithGroup, which add adds to the context of recorded entries.
func (h *levelHandler) derive(next slog.Handler, add []zapcore.Field) *levelHandler {
	if h.root == nil || h.level.rec.Load() == nil {
		return &levelHandler{level: h.level, h: next, core: slogcore.New(next)}
	}
	return &levelHandler{level: h.level, h: next, root: h.root, ctx: captureContext(h.ctx, add)}
}

func (h *levelHandler) Enabled(ctx context.Context, lvl slog.Level) bool {
	return h.level.keeps(zapLevel(lvl)) && h.h.Enabled(ctx, lvl)
}

func (h *levelHandler) Handle(ctx context.Context, r slog.Record) error {
	zl := zapLevel(r.Level)
	if h.level.records(zl) {
		if rec := h.level.rec.Load(); rec != nil {
			h.record(rec, zl, r)
		}
		return nil
	}
	if zl >= zapcore.ErrorLevel {
		if rec := h.level.rec.Load(); rec != nil && rec.held.Load() > 0 {
			core := h.core
			if core == nil {
				core = slogcore.New(h.h)
			}
			// The handler has the component's name already.
			rec.flush(core, "", r.Time, introError)
		}
	}
	return h.h.Handle(ctx, r)
}

// record records r as a zap entry at zl, its attributes converted as the
// zap front end converts them, so that they are frozen like its fields.
// The record's context is not kept.
func (h *levelHandler) record(rec *recorder, zl zapcore.Level, r slog.Record) {
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
	if h.root == nil {
		rec.add(ent, h, nil, fs)
	} else {
		rec.add(ent, h.root, h.ctx, fs)
	}
	putFields(buf)
}

func (h *levelHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return h
	}
	var fs []zap.Field
	for _, a := range attrs {
		fs = appendAttr(fs, a)
	}
	return h.derive(h.h.WithAttrs(attrs), fs)
}

func (h *levelHandler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	return h.derive(h.h.WithGroup(name), []zap.Field{zap.Namespace(name)})
}
