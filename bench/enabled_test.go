package bench_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"go.uber.org/zap"
)

// BenchmarkEnabled measures calls that write: every logger is at Info and
// every call is at Info, encoded as JSON into io.Discard.
func BenchmarkEnabled(b *testing.B) {
	ctx := context.Background()
	b.Run("TwoFields", func(b *testing.B) {
		b.Run("scopelog", func(b *testing.B) {
			l := newScopelog(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Info("query", zap.Int("rows", rows), zap.String("sql", query))
			}
		})
		b.Run("scopelog-event", func(b *testing.B) {
			l := newScopelog(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.InfoEvent().Int("rows", rows).Str("sql", query).Msg("query")
			}
		})
		b.Run("zap", func(b *testing.B) {
			l := newZap(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Info("query", zap.Int("rows", rows), zap.String("sql", query))
			}
		})
		b.Run("zap-sugar", func(b *testing.B) {
			l := newZap(io.Discard).Sugar()
			b.ResetTimer()
			for range b.N {
				l.Infow("query", "rows", rows, "sql", query)
			}
		})
		b.Run("slog", func(b *testing.B) {
			l := newSlog(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.LogAttrs(ctx, slog.LevelInfo, "query", slog.Int("rows", rows), slog.String("sql", query))
			}
		})
		b.Run("go-log", func(b *testing.B) {
			l := newGoLog(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Infow("query", "rows", rows, "sql", query)
			}
		})
		b.Run("zerolog", func(b *testing.B) {
			l := newZerolog(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Info().Int("rows", rows).Str("sql", query).Msg("query")
			}
		})
		b.Run("phuslu", func(b *testing.B) {
			l := newPhuslu(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Info().Int("rows", rows).Str("sql", query).Msg("query")
			}
		})
	})
}
