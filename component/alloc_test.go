package component

import (
	"io"
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
