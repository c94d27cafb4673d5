package bench_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"go.uber.org/zap"
)

// BenchmarkParallelDisabled runs the Disabled/TwoFields call from
// GOMAXPROCS goroutines at once. Run it with -cpu 1,2: a hot path with no
// shared writes does at least as well per operation at -cpu 2 as at -cpu 1,
// while one that writes shared memory (a counter, a lock) loses to cache-line
// contention.
func BenchmarkParallelDisabled(b *testing.B) {
	ctx := context.Background()
	b.Run("TwoFields", func(b *testing.B) {
		b.Run("scopelog", func(b *testing.B) {
			l := newScopelog(io.Discard)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					l.Debug("query", zap.Int("rows", rows), zap.String("sql", query))
				}
			})
		})
		b.Run("scopelog-event", func(b *testing.B) {
			l := newScopelog(io.Discard)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					l.DebugEvent().Int("rows", rows).Str("sql", query).Msg("query")
				}
			})
		})
		b.Run("zap", func(b *testing.B) {
			l := newZap(io.Discard)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					l.Debug("query", zap.Int("rows", rows), zap.String("sql", query))
				}
			})
		})
		b.Run("slog", func(b *testing.B) {
			l := newSlog(io.Discard)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					l.LogAttrs(ctx, slog.LevelDebug, "query", slog.Int("rows", rows), slog.String("sql", query))
				}
			})
		})
		b.Run("go-log", func(b *testing.B) {
			l := newGoLog(io.Discard)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					l.Debugw("query", "rows", rows, "sql", query)
				}
			})
		})
		b.Run("zerolog", func(b *testing.B) {
			l := newZerolog(io.Discard)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					l.Debug().Int("rows", rows).Str("sql", query).Msg("query")
				}
			})
		})
		b.Run("phuslu", func(b *testing.B) {
			l := newPhuslu(io.Discard)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					l.Debug().Int("rows", rows).Str("sql", query).Msg("query")
				}
			})
		})
	})
}
