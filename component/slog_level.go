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
// Records the component records go to its recorder as zap entries, with
// core, a zap core over h, as their sink: a flush writes them through h,
// and the context of h (WithAttrs, WithGroup) with them.
//
// It is where the slog front end meets the component's limit, counters
// and redaction, as the gate is for the zap front ends: a record reaches h,
// or the recorder, with its attributes redacted.
type levelHandler struct {
	level *Level
	h     slog.Handler
	core  zapcore.Core
	// secret says that a group opened by WithGroup has a secret key.
	secret bool
}

var _ slog.Handler = (*levelHandler)(nil)

func newLevelHandler(level *Level, h slog.Handler, secret bool) *levelHandler {
	return &levelHandler{level: level, h: h, core: slogcore.New(h), secret: secret}
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
	if lim := h.level.lim.Load(); lim != nil {
		t := r.Time
		if t.IsZero() {
			t = time.Now()
		}
		if lim.over(h.level, zl, &t) {
			return nil
		}
	}
	if zl >= zapcore.ErrorLevel {
		if rec := h.level.rec.Load(); rec != nil && rec.held.Load() > 0 {
			// The handler has the component's name already.
			rec.flush(h.core, "", r.Time, introError)
		}
	}
	h.level.wrote(zl)
	return h.h.Handle(ctx, h.level.redactor().record(r, h.secret))
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
	// Redacted before the capture: a recorder never holds a secret.
	red := h.level.redactor()
	r.Attrs(func(a slog.Attr) bool {
		a, _ = red.attr(a, h.secret)
		fs = appendAttr(fs, a)
		return true
	})
	*buf = fs
	rec.add(ent, h.core, fs)
	putFields(buf)
}

func (h *levelHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return h
	}
	return newLevelHandler(h.level, h.h.WithAttrs(h.level.redactor().attrs(attrs, h.secret)), h.secret)
}

func (h *levelHandler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	return newLevelHandler(h.level, h.h.WithGroup(name), h.secret || h.level.redactor().keys.match(name) != noMatch)
}
