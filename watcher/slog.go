package watcher

import (
	"context"
	"log/slog"
	"slices"

	"go.uber.org/zap"

	"github.com/scopelog/scopelog/internal/slogcore"
)

// defaultLogger is the logger of a watcher given no WithLogger: its entries
// go to slog.Default() as it is when each is written, so that a program's
// own slog setup applies, even one made after Watch, and a program with none
// still gets the watcher's warnings on stderr through the log package.
// Degraded watching must never be silent.
func defaultLogger() *zap.Logger {
	return zap.New(slogcore.New(defaultHandler{}))
}

// defaultHandler defers every record to slog.Default(). It keeps the
// attributes and groups it is given and applies them at each record, since
// the default handler may have changed in between.
type defaultHandler struct {
	ops []func(slog.Handler) slog.Handler
}

func (h defaultHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return slog.Default().Handler().Enabled(ctx, l)
}

func (h defaultHandler) Handle(ctx context.Context, r slog.Record) error {
	t := slog.Default().Handler()
	for _, op := range h.ops {
		t = op(t)
	}
	return t.Handle(ctx, r)
}

func (h defaultHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return defaultHandler{append(slices.Clip(h.ops), func(t slog.Handler) slog.Handler { return t.WithAttrs(attrs) })}
}

func (h defaultHandler) WithGroup(name string) slog.Handler {
	return defaultHandler{append(slices.Clip(h.ops), func(t slog.Handler) slog.Handler { return t.WithGroup(name) })}
}
