package watcher_test

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/scopelog/scopelog/watcher"
)

// BenchmarkSaveToReload measures the time from an editor-style save (a
// temporary file renamed over the target) until the reload function has read
// the new content. The quiet period dominates it.
func BenchmarkSaveToReload(b *testing.B) {
	for _, d := range []time.Duration{watcher.DefaultDebounce, 10 * time.Millisecond} {
		b.Run("debounce="+d.String(), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "components")
			mustWrite(b, path, "gen=0\n")
			var (
				mu   sync.Mutex
				last string
			)
			changed := make(chan struct{}, 1)
			w, err := watcher.Watch(path, func() error {
				content, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				mu.Lock()
				last = string(content)
				mu.Unlock()
				select {
				case changed <- struct{}{}:
				default:
				}
				return nil
			}, watcher.WithDebounce(d))
			if err != nil {
				b.Fatal(err)
			}
			defer w.Close()

			latencies := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := range b.N {
				want := "gen=" + strconv.Itoa(i+1) + "\n"
				begin := time.Now()
				writeAtomic(b, path, want)
				for {
					mu.Lock()
					got := last
					mu.Unlock()
					if got == want {
						break
					}
					select {
					case <-changed:
					case <-time.After(deadline):
						b.Fatalf("save %d never reloaded", i+1)
					}
				}
				latencies = append(latencies, time.Since(begin))
			}
			b.StopTimer()
			slices.Sort(latencies)
			ms := func(q float64) float64 {
				return float64(latencies[int(q*float64(len(latencies)-1))]) / float64(time.Millisecond)
			}
			b.ReportMetric(ms(0.5), "p50-ms")
			b.ReportMetric(ms(0.99), "p99-ms")
			b.ReportMetric(ms(1), "max-ms")
		})
	}
}
