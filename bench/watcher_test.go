package bench_test

import (
	"testing"
	"time"

	"github.com/scopelog/scopelog/watcher"
)

// BenchmarkSaveToApplied measures the time from an editor-style save of the
// components file (a temporary file renamed over it) until a component's
// level is observed changed, through the watcher and Reload. The quiet
// period (debounce) is the floor: the watcher waits for it after the last
// event before it reads the file.
func BenchmarkSaveToApplied(b *testing.B) {
	for _, d := range []time.Duration{watcher.DefaultDebounce, 10 * time.Millisecond} {
		b.Run("debounce="+d.String(), func(b *testing.B) {
			f := newLatencyFixture(b)
			writeFile(b, f.path, f.content(flipped(1)))
			w, err := watcher.Watch(f.path, f.reg.Reload, watcher.WithDebounce(d))
			if err != nil {
				b.Fatal(err)
			}
			defer w.Close()
			if err := f.reg.Reload(); err != nil {
				b.Fatal(err)
			}

			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := range b.N {
				want := flipped(i)
				start := time.Now()
				writeAtomic(b, f.path, f.content(want))
				lat = append(lat, f.waitLevel(b, start, want))
			}
			b.StopTimer()
			reportLatency(b, lat)
		})
	}
}
