package bench_test

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// The hot-path benchmarks loop over b.N rather than b.Loop. Inside a b.Loop
// body the compiler keeps every argument and result of a call alive, which
// costs stores that a real call site does not make: with Go 1.26 it doubles
// the measured cost of a disabled call with two fields. A b.N loop over an
// inlined level check measures what a call site pays.

// sink receives what a benchmark computes, so that the compiler cannot drop
// the work.
var sink int

// BenchmarkBaseline measures what a call site costs with nothing but an
// atomic level behind it, for the report to set the Disabled results
// against.
//
// AtomicLoad is the physical floor of a disabled call: one atomic load and a
// compare, with nothing around it. AtomicLoadGuarded is the same load
// guarding a body that builds two zap.Fields: the shape of a Guarded call
// site, whose code layout costs a cycle or two more. AtomicLoadTwoZapFields
// passes two zap.Fields to an inlined function that only loads and
// compares: Go evaluates arguments before the call, so any disabled call
// that takes two zap.Fields pays about this much, whatever the logger.
func BenchmarkBaseline(b *testing.B) {
	b.Run("AtomicLoad", func(b *testing.B) {
		var lv atomic.Int32
		lv.Store(int32(zapcore.InfoLevel))
		for range b.N {
			if lv.Load() <= int32(zapcore.DebugLevel) {
				sink++
			}
		}
	})
	b.Run("AtomicLoadGuarded", func(b *testing.B) {
		var lv atomic.Int32
		lv.Store(int32(zapcore.InfoLevel))
		for range b.N {
			if lv.Load() <= int32(zapcore.DebugLevel) {
				consume(zap.Int("rows", rows), zap.String("sql", query))
			}
		}
	})
	b.Run("AtomicLoadTwoZapFields", func(b *testing.B) {
		lv := new(atomic.Int32)
		lv.Store(int32(zapcore.InfoLevel))
		for range b.N {
			gated(lv, "query", zap.Int("rows", rows), zap.String("sql", query))
		}
	})
}

// gated is the least a level method taking zap.Fields can do: small enough
// to inline, it loads and compares, and hands the fields on only if enabled.
func gated(lv *atomic.Int32, msg string, fields ...zap.Field) {
	if lv.Load() <= int32(zapcore.DebugLevel) {
		consume(fields...)
	}
}

// consume stands for the out-of-line write of a logger.
//
//go:noinline
func consume(fields ...zap.Field) { sink += len(fields) }

// BenchmarkDisabled measures calls whose level is disabled: every logger is
// at Info and every call is at Debug. zerolog, phuslu/log and scopelog's
// event form ("scopelog-event") chain typed methods on an entry that is nil
// when disabled; the others take fields as arguments.
func BenchmarkDisabled(b *testing.B) {
	ctx := context.Background()
	b.Run("NoFields", func(b *testing.B) {
		b.Run("scopelog", func(b *testing.B) {
			l := newScopelog(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Debug("query")
			}
		})
		b.Run("scopelog-event", func(b *testing.B) {
			l := newScopelog(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.DebugEvent().Msg("query")
			}
		})
		b.Run("zap", func(b *testing.B) {
			l := newZap(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Debug("query")
			}
		})
		b.Run("zap-atomic", func(b *testing.B) {
			l := newZapAtomic(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Debug("query")
			}
		})
		b.Run("zap-sugar", func(b *testing.B) {
			l := newZap(io.Discard).Sugar()
			b.ResetTimer()
			for range b.N {
				l.Debugw("query")
			}
		})
		b.Run("slog", func(b *testing.B) {
			l := newSlog(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.LogAttrs(ctx, slog.LevelDebug, "query")
			}
		})
		b.Run("go-log", func(b *testing.B) {
			l := newGoLog(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Debugw("query")
			}
		})
		b.Run("zerolog", func(b *testing.B) {
			l := newZerolog(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Debug().Msg("query")
			}
		})
		b.Run("phuslu", func(b *testing.B) {
			l := newPhuslu(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Debug().Msg("query")
			}
		})
	})

	b.Run("TwoFields", func(b *testing.B) {
		b.Run("scopelog", func(b *testing.B) {
			l := newScopelog(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Debug("query", zap.Int("rows", rows), zap.String("sql", query))
			}
		})
		b.Run("scopelog-event", func(b *testing.B) {
			l := newScopelog(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.DebugEvent().Int("rows", rows).Str("sql", query).Msg("query")
			}
		})
		b.Run("zap", func(b *testing.B) {
			l := newZap(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Debug("query", zap.Int("rows", rows), zap.String("sql", query))
			}
		})
		b.Run("zap-atomic", func(b *testing.B) {
			l := newZapAtomic(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Debug("query", zap.Int("rows", rows), zap.String("sql", query))
			}
		})
		b.Run("zap-sugar", func(b *testing.B) {
			l := newZap(io.Discard).Sugar()
			b.ResetTimer()
			for range b.N {
				l.Debugw("query", "rows", rows, "sql", query)
			}
		})
		b.Run("slog", func(b *testing.B) {
			l := newSlog(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.LogAttrs(ctx, slog.LevelDebug, "query", slog.Int("rows", rows), slog.String("sql", query))
			}
		})
		b.Run("go-log", func(b *testing.B) {
			l := newGoLog(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Debugw("query", "rows", rows, "sql", query)
			}
		})
		b.Run("zerolog", func(b *testing.B) {
			l := newZerolog(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Debug().Int("rows", rows).Str("sql", query).Msg("query")
			}
		})
		b.Run("phuslu", func(b *testing.B) {
			l := newPhuslu(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Debug().Int("rows", rows).Str("sql", query).Msg("query")
			}
		})
	})

	// Guarded: the caller asks first, so building fields is skipped
	// altogether, where the API has a way to ask.
	b.Run("Guarded", func(b *testing.B) {
		b.Run("scopelog", func(b *testing.B) {
			l := newScopelog(io.Discard)
			b.ResetTimer()
			for range b.N {
				if l.Enabled(zapcore.DebugLevel) {
					l.Debug("query", zap.Int("rows", rows), zap.String("sql", query))
				}
			}
		})
		b.Run("scopelog-event", func(b *testing.B) {
			l := newScopelog(io.Discard)
			b.ResetTimer()
			for range b.N {
				if e := l.DebugEvent(); e != nil {
					e.Int("rows", rows).Str("sql", query).Msg("query")
				}
			}
		})
		b.Run("zap", func(b *testing.B) {
			l := newZap(io.Discard)
			b.ResetTimer()
			for range b.N {
				if ce := l.Check(zapcore.DebugLevel, "query"); ce != nil {
					ce.Write(zap.Int("rows", rows), zap.String("sql", query))
				}
			}
		})
		b.Run("slog", func(b *testing.B) {
			l := newSlog(io.Discard)
			b.ResetTimer()
			for range b.N {
				if l.Enabled(ctx, slog.LevelDebug) {
					l.LogAttrs(ctx, slog.LevelDebug, "query", slog.Int("rows", rows), slog.String("sql", query))
				}
			}
		})
		b.Run("zerolog", func(b *testing.B) {
			l := newZerolog(io.Discard)
			b.ResetTimer()
			for range b.N {
				if e := l.Debug(); e.Enabled() {
					e.Int("rows", rows).Str("sql", query).Msg("query")
				}
			}
		})
		b.Run("phuslu", func(b *testing.B) {
			l := newPhuslu(io.Discard)
			b.ResetTimer()
			for range b.N {
				if e := l.Debug(); e.Enabled() {
					e.Int("rows", rows).Str("sql", query).Msg("query")
				}
			}
		})
	})

	// AccumulatedContext: a logger that already carries five fields logs a
	// bare message.
	b.Run("AccumulatedContext", func(b *testing.B) {
		b.Run("scopelog", func(b *testing.B) {
			l := newScopelog(io.Discard).With(contextFields()...)
			b.ResetTimer()
			for range b.N {
				l.Debug("query")
			}
		})
		b.Run("scopelog-event", func(b *testing.B) {
			l := newScopelog(io.Discard).With(contextFields()...)
			b.ResetTimer()
			for range b.N {
				l.DebugEvent().Msg("query")
			}
		})
		b.Run("zap", func(b *testing.B) {
			l := newZap(io.Discard).With(contextFields()...)
			b.ResetTimer()
			for range b.N {
				l.Debug("query")
			}
		})
		b.Run("slog", func(b *testing.B) {
			l := newSlog(io.Discard).With(contextAttrs()...)
			b.ResetTimer()
			for range b.N {
				l.LogAttrs(ctx, slog.LevelDebug, "query")
			}
		})
		b.Run("go-log", func(b *testing.B) {
			l := newGoLog(io.Discard).With(contextKeysAndValues()...)
			b.ResetTimer()
			for range b.N {
				l.Debugw("query")
			}
		})
		b.Run("zerolog", func(b *testing.B) {
			l := zerologContext(newZerolog(io.Discard))
			b.ResetTimer()
			for range b.N {
				l.Debug().Msg("query")
			}
		})
		b.Run("phuslu", func(b *testing.B) {
			l := newPhuslu(io.Discard, phusluContext)
			b.ResetTimer()
			for range b.N {
				l.Debug().Msg("query")
			}
		})
	})
}
