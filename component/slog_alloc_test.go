package component

import (
	"context"
	"log/slog"
	"testing"

	"go.uber.org/zap/zapcore"
)

// A disabled slog call allocates nothing, in each of slog's call shapes,
// and neither does Slog once the logger is built.
func TestDisabledSlogCallsDoNotAllocate(t *testing.T) {
	l := New("db", discardJSONCore(), NewLevel(zapcore.InfoLevel))
	ctx := context.Background()
	with := l.Slog().With("shard", "a").WithGroup("g")
	cases := map[string]func(){
		"Debug":        func() { l.Slog().Debug("msg", "i", 1) },
		"LogAttrs":     func() { l.Slog().LogAttrs(ctx, slog.LevelDebug, "msg", slog.Int("i", 1)) },
		"DebugContext": func() { l.Slog().DebugContext(ctx, "msg", "i", 1) },
		"With":         func() { with.Debug("msg", "i", 1) },
	}
	for name, f := range cases {
		if a := testing.AllocsPerRun(1000, f); a != 0 {
			t.Errorf("disabled %s: %v allocs per call, want 0", name, a)
		}
	}
}
