//go:build !race

package component

import (
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// The race detector makes sync.Pool drop items at random, so this guarantee
// is only measurable without it.
func TestEnabledCallsAddNoAllocations(t *testing.T) {
	lv := NewLevel(zapcore.DebugLevel)
	// A limit that these calls stay under costs no allocation either.
	lv.SetLimit(Limit{N: MaxLimit, Per: time.Second}, zapcore.InfoLevel)
	l := New("db", discardJSONCore(), lv)
	with := l.With(zap.String("shard", "a"))
	n, s := 42, "select 1"
	allocs := testing.AllocsPerRun(1000, func() {
		l.Debug("query", zap.Int("n", n), zap.String("sql", s))
		with.Info("query", zap.Int("n", n), zap.String("sql", s))
		l.Info("no fields")
	})
	if allocs != 0 {
		t.Fatalf("enabled calls with fields to a JSON core: %v allocs per call, want 0", allocs)
	}
}

// An entry that a scoped rule lets through costs no allocation once warm,
// in either form, as an enabled call does.
func TestScopedCallsAddNoAllocations(t *testing.T) {
	lv := NewLevel(zapcore.InfoLevel)
	lv.SetScoped([]Scoped{{Condition: cond(t, "tenant=acme"), Level: zapcore.DebugLevel}})
	l := New("db", discardJSONCore(), lv)
	ctx := tenant("acme")
	n, s := 42, "select 1"
	allocs := testing.AllocsPerRun(1000, func() {
		l.Ctx(ctx).Debug("query", zap.Int("n", n), zap.String("sql", s))
		l.Ctx(ctx).DebugEvent().Int("n", n).Str("sql", s).Msg("query")
	})
	if allocs != 0 {
		t.Fatalf("scoped calls with fields to a JSON core: %v allocs per run, want 0", allocs)
	}
}

// An entry that a request's recorder captures costs no allocation once
// its recorder is warm (full), in either form.
func TestHeldCallsAddNoAllocations(t *testing.T) {
	l := New("db", discardJSONCore(), NewLevel(zapcore.InfoLevel))
	pool := NewRecorderPool(100, 1<<20)
	ctx, rec := pool.Start(tenant("acme"), "r1")
	defer rec.End()
	n, s := 42, "select 1"
	for range 200 {
		l.Ctx(ctx).Debug("query", zap.Int("n", n), zap.String("sql", s))
	}
	allocs := testing.AllocsPerRun(1000, func() {
		l.Ctx(ctx).Debug("query", zap.Int("n", n), zap.String("sql", s))
		l.Ctx(ctx).DebugEvent().Int("n", n).Str("sql", s).Msg("query")
	})
	if allocs != 0 {
		t.Fatalf("captured calls: %v allocs per run, want 0", allocs)
	}
	if rec.Held() != 100 {
		t.Fatalf("held %d", rec.Held())
	}
}
