//go:build !race

package component

import (
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"strings"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/internal/slogcore"
)

// The race detector changes what the heap holds (sync.Pool drops items,
// allocations carry shadow state), so the retained heap is measured
// without it.

// recorderOverhead is what a recorder retains beyond the arrays of its
// ring, which its bound counts: the recorder itself (its locks, its
// counters and the ring's header, about 100 bytes), with room for the
// collector's accounting, which may differ by a few hundred bytes between
// two readings.
const recorderOverhead = 4 << 10

// retainedHeap runs fill on a fresh component at Info recording n entries,
// writing to core, and returns the heap that the recorder keeps alive: the live heap, after
// a full collection, with the recorder, minus the live heap once
// SetRecord(0) has dropped it. The Logger and its Level stay alive in
// both, so that only what the recorder holds is counted. It also returns
// what the recorder counts against its bound.
func retainedHeap(t *testing.T, n int, core zapcore.Core, fill func(l *Logger)) (retained, counted int64) {
	t.Helper()
	lv := NewLevel(zapcore.InfoLevel)
	lv.SetRecord(n)
	l := New("db", core, lv)
	fill(l)
	alive := liveHeap()
	if lv.Recorded() == 0 {
		t.Fatal("nothing recorded")
	}
	rec := lv.rec.Load()
	rec.mu.Lock()
	counted = int64(rec.ring.size())
	rec.mu.Unlock()
	lv.SetRecord(0)
	dropped := liveHeap()
	runtime.KeepAlive(l)
	return int64(alive) - int64(dropped), counted
}

// liveHeap returns HeapAlloc after full collections; two, so that what
// sync.Pool moved to its victim cache at the first is freed by the second.
func liveHeap() uint64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// ints returns n zap.Int fields.
func ints(n int) []zap.Field {
	fs := make([]zap.Field, n)
	for i := range fs {
		fs[i] = zap.Int(fmt.Sprint("k", i), i)
	}
	return fs
}

// blob is a 10 KiB structure logged with zap.Object: a 2 KiB string and
// 1,000 integers.
type blob struct {
	name string
	vals []int64
}

func newBlob(i int) *blob {
	b := &blob{name: strings.Repeat(string(rune('a'+i%26)), 2<<10), vals: make([]int64, 1000)}
	for j := range b.vals {
		b.vals[j] = int64(i * j)
	}
	return b
}

func (b *blob) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	enc.AddString("name", b.name)
	return enc.AddArray("vals", zapcore.ArrayMarshalerFunc(func(a zapcore.ArrayEncoder) error {
		for _, v := range b.vals {
			a.AppendInt64(v)
		}
		return nil
	}))
}

// TestRecorderRetainedHeap measures the heap a recorder retains after each
// workload of issue 21, and after others that derive a logger per
// request, and holds it to the bound of 1 MiB per component with 10%
// slack, plus recorderOverhead, and to what the recorder counts.
func TestRecorderRetainedHeap(t *testing.T) {
	wide := func(fields int) func(l *Logger) {
		return func(l *Logger) {
			fs := ints(fields)
			for range 10_000 {
				l.Debug("t")
			}
			for range 20_000 {
				l.Debug("wide", fs...)
			}
		}
	}
	slogSink := func() zapcore.Core {
		return slogcore.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	for _, c := range []struct {
		name string
		n    int
		fill func(l *Logger)
		core func() zapcore.Core // discardJSONCore if nil
	}{
		{"10000 small then 20000 of 300 ints", MaxRecord, wide(300), nil},
		{"10000 small then 20000 of 50 ints", MaxRecord, wide(50), nil},
		{"1000 strings sharing 64 KiB arrays", 1000, func(l *Logger) {
			for range 1000 {
				body := strings.Repeat("b", 64<<10)
				l.Debug("body", zap.String("body", body[:64]))
			}
		}, nil},
		{"90% two fields, 10% forty", MaxRecord, func(l *Logger) {
			forty := ints(40)
			for i := range 20_000 {
				if i%10 == 9 {
					l.Debug("forty", forty...)
				} else {
					l.Debug("query", zap.Int("rows", i), zap.String("sql", "select 1"))
				}
			}
		}, nil},
		{"uniform two fields", MaxRecord, func(l *Logger) {
			for i := range 20_000 {
				l.Debug("query", zap.Int("rows", i), zap.String("sql", "select 1"))
			}
		}, nil},
		{"1000 loggers from With", 1000, func(l *Logger) {
			for i := range 1000 {
				l.With(zap.Int("request", i)).Debug("query", zap.Int("rows", i))
			}
		}, nil},
		{"1000 slog loggers from With", 1000, func(l *Logger) {
			for i := range 1000 {
				l.Slog().With("request", i).Debug("query", "rows", i)
			}
		}, nil},
		{"1000 slog loggers from With on a slog handler", 1000, func(l *Logger) {
			for i := range 1000 {
				l.Slog().With("request", i).WithGroup("g").Debug("query", "rows", i)
			}
		}, slogSink},
		{"1000 objects of 10 KiB", 1000, func(l *Logger) {
			for i := range 1000 {
				l.Debug("object", zap.Object("blob", newBlob(i)))
			}
		}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			core := discardJSONCore()
			if c.core != nil {
				core = c.core()
			}
			got, counted := retainedHeap(t, c.n, core, c.fill)
			t.Logf("retained %.1f KiB, counted %.1f KiB", float64(got)/1024, float64(counted)/1024)
			if limit := int64(maxRecordedBytes*11/10 + recorderOverhead); got > limit {
				t.Errorf("recorder retains %.1f KiB, want at most %.1f KiB", float64(got)/1024, float64(limit)/1024)
			}
			if got > counted+recorderOverhead || counted > maxRecordedBytes {
				t.Errorf("recorder retains %d bytes and counts %d: want what it counts, within %d, and at most %d", got, counted, recorderOverhead, maxRecordedBytes)
			}
		})
	}
}
