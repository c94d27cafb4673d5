package bench_test

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/registry"
)

// deadline bounds every wait for a level to change. It is only reached when
// a benchmark fails, so it is generous enough for a loaded machine.
const deadline = 10 * time.Second

// latencyFixture is a registry with a components file in a temporary
// directory and one component, "db", whose level the file flips between
// debug and warn.
type latencyFixture struct {
	reg  *registry.Registry
	path string
	db   *component.Logger
	// The rest of the file: rules for 100 other components, so the reload
	// does the work of a small real program.
	others string
}

func newLatencyFixture(b *testing.B) *latencyFixture {
	b.Helper()
	f := &latencyFixture{path: filepath.Join(b.TempDir(), "components")}
	f.reg = discardRegistry(registry.WithFile(f.path))
	f.db = f.reg.Component(name)
	for i := range 100 {
		n := "svc" + string(rune('a'+i%26)) + ".c" + string(rune('0'+i/26))
		f.reg.Component(n)
		f.others += n + "=info\n"
	}
	return f
}

// content returns the file that sets "db" to lvl.
func (f *latencyFixture) content(lvl zapcore.Level) []byte {
	return []byte(f.others + name + "=" + lvl.String() + "\n")
}

// flipped is the level that iteration i sets: warn, debug, warn, …
func flipped(i int) zapcore.Level {
	if i%2 == 0 {
		return zapcore.WarnLevel
	}
	return zapcore.DebugLevel
}

// waitLevel polls until "db" is at want and returns the time since start.
//
// Between looks it sleeps briefly, which parks the goroutine as a program
// that is not watching its own level would be. Spinning instead (even with
// runtime.Gosched) keeps a core busy and makes the kernel delay the thread
// that handles the signal by up to a scheduler tick: it moved the p99 of
// BenchmarkSignalToApplied from under 1 ms to 4 ms, a cost of the
// measurement, not of the library. The sleep's own granularity, tens of
// microseconds, is the resolution of the figures.
func (f *latencyFixture) waitLevel(b *testing.B, start time.Time, want zapcore.Level) time.Duration {
	for f.db.Level() != want {
		if time.Since(start) > deadline {
			b.Fatalf("level of %q still %v after %v, want %v", name, f.db.Level(), deadline, want)
		}
		time.Sleep(20 * time.Microsecond)
	}
	return time.Since(start)
}

// writeAtomic saves data the way editors do: a temporary file in the same
// directory, renamed over the target.
func writeAtomic(b *testing.B, path string, data []byte) {
	b.Helper()
	tmp := path + ".tmp"
	writeFile(b, tmp, data)
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
}

// reportLatency reports the median, 99th percentile and worst of lat, in
// milliseconds, using the nearest-rank method.
func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	rank := func(p float64) time.Duration {
		i := int(math.Ceil(p*float64(len(lat)))) - 1
		return lat[max(0, min(i, len(lat)-1))]
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(rank(0.50)), "p50-ms")
	b.ReportMetric(ms(rank(0.99)), "p99-ms")
	b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
}
