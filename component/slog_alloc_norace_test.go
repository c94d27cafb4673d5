//go:build !race

package component

import (
	"context"
	"log/slog"
	"testing"

	"go.uber.org/zap/zapcore"
)

// An enabled slog call to a zap JSON core adds no allocation to slog's own:
// its attributes become fields in a pooled buffer. The race detector makes
// sync.Pool drop items at random, so this is only measurable without it.
func TestEnabledSlogCallsAddNoAllocations(t *testing.T) {
	l := New("db", discardJSONCore(), NewLevel(zapcore.DebugLevel)).Slog()
	with := l.With("shard", "a").WithGroup("g")
	ctx := context.Background()
	allocs := testing.AllocsPerRun(1000, func() {
		l.Debug("query", "n", 1, "ok", true)
		l.LogAttrs(ctx, slog.LevelInfo, "query", slog.Int("n", 1), slog.String("sql", "select 1"))
		with.InfoContext(ctx, "query", "n", 1)
	})
	if allocs != 0 {
		t.Fatalf("enabled slog calls to a JSON core: %v allocs per call, want 0", allocs)
	}
}
