package bench_test

import (
	"io"
	"log/slog"
	"testing"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/registry"
)

// BenchmarkSlog measures scopelog's slog front end, a component's Slog(),
// against slog's own JSON handler with a slog.LevelVar, the way a slog
// program changes its level at run time. Every logger is at Info; the call
// is Debug("query", "rows", rows, "sql", query) when disabled and the same
// at Info when enabled.
//
// scopelog writes through its default kind of sink, a zap JSON core;
// scopelog-handler writes through a slog JSON handler given to
// registry.WithHandler, so that its cost over slog is the gate alone.
func BenchmarkSlog(b *testing.B) {
	loggers := []struct {
		name string
		new  func(io.Writer) *slog.Logger
	}{
		{"scopelog", func(w io.Writer) *slog.Logger { return newScopelog(w).Slog() }},
		{"scopelog-handler", newScopelogHandler},
		{"slog", newSlogJSON},
	}
	b.Run("Disabled/TwoAttrs", func(b *testing.B) {
		for _, lg := range loggers {
			b.Run(lg.name, func(b *testing.B) {
				l := lg.new(io.Discard)
				b.ResetTimer()
				for range b.N {
					l.Debug("query", "rows", rows, "sql", query)
				}
			})
		}
	})
	b.Run("Enabled/TwoAttrs", func(b *testing.B) {
		for _, lg := range loggers {
			b.Run(lg.name, func(b *testing.B) {
				l := lg.new(io.Discard)
				b.ResetTimer()
				for range b.N {
					l.Info("query", "rows", rows, "sql", query)
				}
			})
		}
	})
}

// newSlogJSON is the baseline: slog's JSON handler whose level is a
// slog.LevelVar at Info.
func newSlogJSON(w io.Writer) *slog.Logger {
	lv := new(slog.LevelVar)
	lv.Set(slog.LevelInfo)
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: lv}))
}

// newScopelogHandler returns the slog front end of the component "db" of a
// registry whose sink is slog's JSON handler at Debug, so that rules could
// enable debug; no rule covers "db", so it is at Info.
func newScopelogHandler(w io.Writer) *slog.Logger {
	h := slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug})
	return registry.New(registry.WithHandler(h), registry.WithDefaultLevel(zapcore.InfoLevel)).Component(name).Slog()
}

// BenchmarkSlogHandler measures a disabled call through the registry's
// SlogHandler, on a logger derived by With("component", "db") as a
// program gives each package its own, against the same call through the
// component's own Slog(). Both reach the component "db", at Info; the call
// is Debug("query", "rows", rows, "sql", query).
func BenchmarkSlogHandler(b *testing.B) {
	reg := registry.New(registry.WithCore(jsonCore(io.Discard, zapcore.DebugLevel)))
	loggers := []struct {
		name string
		log  *slog.Logger
	}{
		{"routed", slog.New(reg.SlogHandler()).With("component", name)},
		{"component", reg.Component(name).Slog()},
	}
	b.Run("Disabled/TwoAttrs", func(b *testing.B) {
		for _, lg := range loggers {
			b.Run(lg.name, func(b *testing.B) {
				for range b.N {
					lg.log.Debug("query", "rows", rows, "sql", query)
				}
			})
		}
	})
}
