package bench_test

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/registry"
)

// newRecording returns the component "db" of a registry writing to w, at
// Info and recording n entries below it, as the rule "db=info record=n"
// makes it.
func newRecording(b *testing.B, w io.Writer, n int) (*registry.Registry, *component.Logger) {
	b.Helper()
	file := filepath.Join(b.TempDir(), "components")
	if err := os.WriteFile(file, []byte("db=info record="+itoa(n)+"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	reg := registry.New(registry.WithCore(jsonCore(w, zapcore.DebugLevel)), registry.WithFile(file))
	l := reg.Component(name)
	if err := reg.Reload(); err != nil {
		b.Fatal(err)
	}
	if !l.Enabled(zapcore.DebugLevel) || l.Level() != zapcore.InfoLevel {
		b.Fatal("db does not record")
	}
	return reg, l
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// BenchmarkRecorded measures the flight recorder (issue 14). scopelog is a
// component at Info whose rule has record=1000, called at Debug: the entry
// is not written but recorded, with its fields, in memory. zap is a
// zap.Logger at Debug making the same call, which it encodes as JSON into
// io.Discard: what the entry would cost if the component were at Debug.
// Recording must cost no more, and allocate no more, than writing.
func BenchmarkRecorded(b *testing.B) {
	b.Run("TwoFields", func(b *testing.B) {
		b.Run("scopelog", func(b *testing.B) {
			_, l := newRecording(b, io.Discard, 1000)
			b.ResetTimer()
			for range b.N {
				l.Debug("query", zap.Int("rows", rows), zap.String("sql", query))
			}
		})
		b.Run("scopelog-event", func(b *testing.B) {
			_, l := newRecording(b, io.Discard, 1000)
			b.ResetTimer()
			for range b.N {
				l.DebugEvent().Int("rows", rows).Str("sql", query).Msg("query")
			}
		})
		b.Run("zap", func(b *testing.B) {
			l := zap.New(jsonCore(io.Discard, zapcore.DebugLevel)).Named(name)
			b.ResetTimer()
			for range b.N {
				l.Debug("query", zap.Int("rows", rows), zap.String("sql", query))
			}
		})
	})
}

// BenchmarkMemoryPerRecordedEntry reports the heap that stays allocated per
// recorded entry: a component recording 1,000 entries is filled with
// Debug calls of two fields, and the live heap after, minus the live heap
// before, each after a full collection, is divided by 1,000. The message,
// keys and string value are constants shared by every entry, so this is
// the recorder's own cost; a string built per call adds its bytes.
func BenchmarkMemoryPerRecordedEntry(b *testing.B) {
	const n = 1000
	var perEntry float64
	for b.Loop() {
		var before, after runtime.MemStats
		_, l := newRecording(b, io.Discard, n)
		runtime.GC()
		runtime.ReadMemStats(&before)
		for range n {
			l.Debug("query", zap.Int("rows", rows), zap.String("sql", query))
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(l)
		perEntry = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / n
	}
	b.ReportMetric(perEntry, "B/entry")
}
