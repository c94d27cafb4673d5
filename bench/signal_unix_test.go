//go:build unix

package bench_test

import (
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/scopelog/scopelog/signals"
)

// BenchmarkSignalToApplied measures the time from SIGUSR1 sent to this
// process until a component's level is observed changed: signal delivery,
// the signals package's hand-off to its goroutine, and a whole Reload of a
// 101-rule file against 101 components. Each iteration first rewrites the
// file (outside the measured time) to flip the level.
func BenchmarkSignalToApplied(b *testing.B) {
	f := newLatencyFixture(b)
	writeFile(b, f.path, f.content(flipped(1)))
	if err := f.reg.Reload(); err != nil {
		b.Fatal(err)
	}
	stop := signals.Notify(f.reg.Reload)
	defer stop()

	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		want := flipped(i)
		writeFile(b, f.path, f.content(want))
		start := time.Now()
		if err := syscall.Kill(os.Getpid(), syscall.SIGUSR1); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, f.waitLevel(b, start, want))
	}
	b.StopTimer()
	reportLatency(b, lat)
}
