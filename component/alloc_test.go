package component

import (
	"io"
	"log/slog"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

func discardJSONCore() zapcore.Core {
	return zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()), zapcore.AddSync(io.Discard), zapcore.DebugLevel)
}

func TestDisabledCallsDoNotAllocate(t *testing.T) {
	l := New("db", discardJSONCore(), NewLevel(zapcore.InfoLevel))
	n, s := 42, "select 1"
	allocs := testing.AllocsPerRun(1000, func() {
		l.Debug("query", zap.Int("n", n), zap.String("sql", s), Secret("token", s))
		l.DebugEvent().Str("sql", s).Secret("token", s).Msg("query")
		if l.Enabled(zapcore.DebugLevel) {
			l.Debug("guarded", zap.Int("n", n))
		}
		if ce := l.Check(zapcore.DebugLevel, "checked"); ce != nil {
			ce.Write(zap.Int("n", n))
		}
	})
	if allocs != 0 {
		t.Fatalf("disabled Debug with fields: %v allocs per call, want 0", allocs)
	}
	var nilLogger *Logger
	if a := testing.AllocsPerRun(100, func() { nilLogger.Debug("x", zap.Int("n", n)) }); a != 0 {
		t.Fatalf("nil logger: %v allocs, want 0", a)
	}
}

// Calls through Ctx that write nothing allocate nothing: with no scoped
// rule, which reads no context, and with a rule for another scope, which
// does.
func TestDisabledCtxCallsDoNotAllocate(t *testing.T) {
	lv := NewLevel(zapcore.InfoLevel)
	l := New("db", discardJSONCore(), lv)
	ctx := tenant("globex")
	n, s := 42, "select 1"
	calls := func() {
		l.Ctx(ctx).Debug("query", zap.Int("n", n), zap.String("sql", s))
		l.Ctx(ctx).DebugEvent().Int("n", n).Str("sql", s).Msg("query")
		if l.Ctx(ctx).Enabled(zapcore.DebugLevel) {
			t.Fatal("enabled")
		}
		l.Slog().LogAttrs(ctx, slog.LevelDebug, "query", slog.Int("n", n))
	}
	if a := testing.AllocsPerRun(1000, calls); a != 0 {
		t.Errorf("no scoped rule: %v allocs per run, want 0", a)
	}
	lv.SetScoped([]Scoped{{Condition: cond(t, "tenant=acme"), Level: zapcore.DebugLevel}})
	if a := testing.AllocsPerRun(1000, calls); a != 0 {
		t.Errorf("a scoped rule for another tenant: %v allocs per run, want 0", a)
	}
	var nilLogger *Logger
	if a := testing.AllocsPerRun(100, func() { nilLogger.Ctx(ctx).Debug("x", zap.Int("n", n)) }); a != 0 {
		t.Fatalf("nil logger: %v allocs, want 0", a)
	}
}
