//go:build !race

package component

import (
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// The race detector makes sync.Pool drop items, and its builds never reuse
// Events (see event_pool.go), so this guarantee is only measurable without
// it.
func TestEnabledEventsAddNoAllocations(t *testing.T) {
	l := New("db", discardJSONCore(), NewLevel(zapcore.DebugLevel))
	with := l.With(zap.String("shard", "a"))
	n, s := 42, "select 1"
	allocs := testing.AllocsPerRun(1000, func() {
		l.DebugEvent().Int("n", n).Str("sql", s).Msg("query")
		with.InfoEvent().Int("n", n).Str("sql", s).Bool("ok", true).Dur("d", time.Second).Send()
	})
	if allocs != 0 {
		t.Fatalf("enabled events to a JSON core: %v allocs per call, want 0", allocs)
	}
}
