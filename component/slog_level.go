package component

import (
	"context"
	"log/slog"
)

// levelHandler is the slog front end of a component whose sink is a slog
// handler: records go to that handler as they are, once the component's
// level lets them through.
type levelHandler struct {
	level *Level
	h     slog.Handler
}

var _ slog.Handler = (*levelHandler)(nil)

func (h *levelHandler) Enabled(ctx context.Context, lvl slog.Level) bool {
	return h.level.Enabled(zapLevel(lvl)) && h.h.Enabled(ctx, lvl)
}

func (h *levelHandler) Handle(ctx context.Context, r slog.Record) error {
	return h.h.Handle(ctx, r)
}

func (h *levelHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return h
	}
	return &levelHandler{level: h.level, h: h.h.WithAttrs(attrs)}
}

func (h *levelHandler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	return &levelHandler{level: h.level, h: h.h.WithGroup(name)}
}
