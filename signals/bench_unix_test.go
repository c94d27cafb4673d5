//go:build unix

package signals

import (
	"slices"
	"syscall"
	"testing"
	"time"
)

// BenchmarkSignalToReload measures the time from kill(2) to the start of the
// reload function, one signal at a time, and reports its percentiles.
func BenchmarkSignalToReload(b *testing.B) {
	got := make(chan time.Time, 1)
	stop := Notify(func() error {
		select {
		case got <- time.Now():
		default:
		}
		return nil
	})
	defer stop()

	var lat []time.Duration
	for b.Loop() {
		start := time.Now()
		raise(b, syscall.SIGUSR1)
		select {
		case t := <-got:
			lat = append(lat, t.Sub(start))
		case <-time.After(deadline):
			b.Fatal("timed out waiting for the reload")
		}
	}
	slices.Sort(lat)
	pct := func(p int) float64 {
		return float64(lat[(len(lat)*p+99)/100-1].Nanoseconds())
	}
	b.ReportMetric(pct(50), "p50-ns")
	b.ReportMetric(pct(99), "p99-ns")
	b.ReportMetric(pct(100), "max-ns")
}
