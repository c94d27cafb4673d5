//go:build !race

package component

import (
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// A recorded call reuses the slot it overwrites, so once the ring is full
// it allocates nothing; sync.Pool, which the race detector makes drop
// items, holds the fields buffer and zap's CheckedEntry.
func TestRecordedCallsAddNoAllocations(t *testing.T) {
	lv := NewLevel(zapcore.InfoLevel)
	lv.SetRecord(50)
	l := New("db", discardJSONCore(), lv)
	n, s := 42, "select 1"
	for range 100 {
		l.Debug("query", zap.Int("n", n), zap.String("sql", s))
	}
	allocs := testing.AllocsPerRun(1000, func() {
		l.Debug("query", zap.Int("n", n), zap.String("sql", s))
		l.DebugEvent().Int("n", n).Str("sql", s).Msg("query")
	})
	if allocs != 0 {
		t.Fatalf("recorded calls with two fields: %v allocs per call, want 0", allocs)
	}
	if lv.Recorded() != 50 {
		t.Fatalf("Recorded() = %d, want 50", lv.Recorded())
	}
}
