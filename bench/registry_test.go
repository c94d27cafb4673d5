package bench_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/registry"
)

// The shape of the reload benchmark: nRules rules, each covering
// perRule components, so that every one of the nRules×perRule registered
// components is covered by exactly one rule.
const (
	nRules  = 1000
	perRule = 10
)

// componentNames returns the names "s0.c0" … "s999.c9", built once so that
// their bytes are not counted as the registry's.
func componentNames() []string {
	names := make([]string, 0, nRules*perRule)
	for s := range nRules {
		for c := range perRule {
			names = append(names, fmt.Sprintf("s%d.c%d", s, c))
		}
	}
	return names
}

// rulesFile returns a components file of nRules rules, one per service,
// all setting level.
func rulesFile(level string) []byte {
	var sb strings.Builder
	for s := range nRules {
		fmt.Fprintf(&sb, "s%d=%s\n", s, level)
	}
	return []byte(sb.String())
}

func discardRegistry(opts ...registry.Option) *registry.Registry {
	return registry.New(append([]registry.Option{registry.WithCore(jsonCore(io.Discard, zapcore.DebugLevel))}, opts...)...)
}

func writeFile(tb testing.TB, path string, data []byte) {
	tb.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkRegistry measures Component on a name already registered, among
// the 10,000 components of the reload benchmark: what a call site that does
// not keep its logger pays each time.
func BenchmarkRegistry(b *testing.B) {
	b.Run("Component", func(b *testing.B) {
		reg := discardRegistry()
		for _, n := range componentNames() {
			reg.Component(n)
		}
		var l *component.Logger
		for b.Loop() {
			l = reg.Component("s500.c5")
		}
		if l.Name() != "s500.c5" {
			b.Fatalf("Component returned %q", l.Name())
		}
	})
}

// BenchmarkReload measures Reload of a 1,000-rule file against 10,000
// registered components: reading and parsing the file, resolving every
// component against the rules, storing the levels, and the one
// acknowledgement entry (JSON into io.Discard; its lists are capped at 50
// items, so it does not grow with the number of changes).
//
// "kept" reloads the same file, so no level changes; "flipped" alternates
// between two files that set every component to debug and to warn, so all
// 10,000 levels change on every reload and each change is listed.
func BenchmarkReload(b *testing.B) {
	for _, flip := range []bool{false, true} {
		sub := "1k-rules-10k-components/kept"
		if flip {
			sub = "1k-rules-10k-components/flipped"
		}
		b.Run(sub, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "components")
			files := [2][]byte{rulesFile("debug"), rulesFile("warn")}
			writeFile(b, path, files[0])
			reg := discardRegistry(registry.WithFile(path))
			names := componentNames()
			for _, n := range names {
				reg.Component(n)
			}
			if err := reg.Reload(); err != nil {
				b.Fatal(err)
			}
			probe := reg.Component(names[len(names)-1])
			b.ResetTimer()
			for i := range b.N {
				want := zapcore.DebugLevel
				if flip {
					b.StopTimer()
					if i%2 == 0 {
						want = zapcore.WarnLevel
					}
					writeFile(b, path, files[i%2^1])
					b.StartTimer()
				}
				if err := reg.Reload(); err != nil {
					b.Fatal(err)
				}
				if got := probe.Level(); got != want {
					b.Fatalf("after reload %d: %s at %v, want %v", i, probe.Name(), got, want)
				}
			}
		})
	}
}

// BenchmarkMemoryPerComponent reports the heap that stays allocated per
// registered component: the live heap after registering 10,000 components
// in a fresh registry, minus the live heap before, each measured after a
// full collection. The names are built beforehand, since a program's names
// are usually constants. B/op and allocs/op count everything allocated,
// garbage included.
func BenchmarkMemoryPerComponent(b *testing.B) {
	names := componentNames()
	core := jsonCore(io.Discard, zapcore.DebugLevel)
	var perComponent float64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		reg := registry.New(registry.WithCore(core))
		for _, n := range names {
			reg.Component(n)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(reg)
		perComponent = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(len(names))
	}
	b.ReportMetric(perComponent, "B/component")
}

// scaledNames returns n component names, ten per service: "s0.c0" … .
func scaledNames(n int) []string {
	names := make([]string, 0, n)
	for i := range n {
		names = append(names, fmt.Sprintf("s%d.c%d", i/perRule, i%perRule))
	}
	return names
}

// reloadBench registers names, writes file, and measures Reload, which
// must succeed each time. It reports the longest stall of a registration
// (which takes the registry's lock) made from another goroutine meanwhile,
// and the process's CPU time per reload.
func reloadBench(b *testing.B, names []string, file []byte) {
	path := filepath.Join(b.TempDir(), "components")
	writeFile(b, path, file)
	reg := discardRegistry(registry.WithFile(path))
	for _, n := range names {
		reg.Component(n)
	}
	if err := reg.Reload(); err != nil {
		b.Fatal(err)
	}
	var stall atomic.Int64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			start := time.Now()
			reg.Component(fmt.Sprintf("probe.p%d", i%1000))
			if d := int64(time.Since(start)); d > stall.Load() {
				stall.Store(d)
			}
			time.Sleep(100 * time.Microsecond)
		}
	}()
	b.ResetTimer()
	cpu0, ok := cpuTime()
	for b.Loop() {
		if err := reg.Reload(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	cpu1, _ := cpuTime()
	close(stop)
	<-done
	b.ReportMetric(float64(stall.Load()), "max-stall-ns")
	if ok {
		// All goroutines, the probe's and the collector's included.
		b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkReloadScaling measures how Reload grows with the number of
// components and of rules. Rules name services "s<k>", each covering ten
// components; rules past the last service match nothing, and are listed as
// unmatched.
func BenchmarkReloadScaling(b *testing.B) {
	for _, nc := range []int{1_000, 10_000, 100_000} {
		names := scaledNames(nc)
		for _, nr := range []int{10, 1_000, 10_000} {
			var sb strings.Builder
			for k := range nr {
				fmt.Fprintf(&sb, "s%d=debug\n", k)
			}
			b.Run(fmt.Sprintf("components=%d/rules=%d", nc, nr), func(b *testing.B) {
				reloadBench(b, names, []byte(sb.String()))
			})
		}
	}
}

// BenchmarkReloadTypos measures Reload of a file of ten rules, each a typo
// of a registered name, so that each gets a did-you-mean search.
func BenchmarkReloadTypos(b *testing.B) {
	for _, nc := range []int{1_000, 10_000, 100_000} {
		names := scaledNames(nc)
		var sb strings.Builder
		for k := range 10 {
			fmt.Fprintf(&sb, "s%d.cc%d=debug\n", k*7, k) // s7.c1 → s7.cc1
		}
		b.Run(fmt.Sprintf("components=%d/typos=10", nc), func(b *testing.B) {
			reloadBench(b, names, []byte(sb.String()))
		})
	}
}

// BenchmarkReloadHostile measures Reload of a 1 MiB file of "*" rules,
// 524,288 of them, at 10,000 components: what a hostile or broken
// generator costs.
func BenchmarkReloadHostile(b *testing.B) {
	file := []byte(strings.Repeat("*\n", registry.MaxFileSize/2))
	b.Run("1MiB-star-rules/components=10000", func(b *testing.B) {
		reloadBench(b, scaledNames(10_000), file)
	})
}

// BenchmarkParallelComponent measures Component on registered names from
// every goroutine at once; the report runs it at -cpu 1 and 2, and the
// lookup must scale, since it takes no lock and writes nothing shared.
// "same" has every goroutine look up one name; "distinct" gives each
// goroutine a name of its own, taken once before its loop so that no
// counter is written while it runs. cpu-ns/op is the process's CPU time
// per lookup: it stays level from -cpu 1 to -cpu 2 when the goroutines do
// not contend, even on a machine too busy to give them two cores.
func BenchmarkParallelComponent(b *testing.B) {
	reg := discardRegistry()
	names := componentNames()
	for _, n := range names {
		reg.Component(n)
	}
	for _, distinct := range []bool{false, true} {
		sub := "same"
		if distinct {
			sub = "distinct"
		}
		b.Run(sub, func(b *testing.B) {
			var next atomic.Int64
			cpu0, ok := cpuTime()
			b.RunParallel(func(pb *testing.PB) {
				name := "s500.c5"
				if distinct {
					name = names[next.Add(997)%int64(len(names))]
				}
				var l *component.Logger
				for pb.Next() {
					l = reg.Component(name)
				}
				if l != nil && l.Name() != name {
					b.Errorf("Component returned %q, want %q", l.Name(), name)
				}
			})
			if cpu1, _ := cpuTime(); ok {
				b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
			}
		})
	}
}

// BenchmarkReloadLockHold measures how long the registry's lock can keep a
// caller waiting while hostile reloads run: each iteration is one Reload of
// the 1 MiB file of "*" rules at 10,000 components, while another goroutine
// registers a new name every 100 µs. A registration takes the registry's
// write lock, so it waits for every hold of the lock, by readers or
// writers; the longest wait is an upper bound of the longest hold, which
// also counts the scheduler and the collector (max-stall-ns). p99-stall-ns
// is the 99th percentile of the waits, and probes/op the registrations
// made per reload. The registry grows by those registrations as it runs.
func BenchmarkReloadLockHold(b *testing.B) {
	file := []byte(strings.Repeat("*\n", registry.MaxFileSize/2))
	b.Run("1MiB-star-rules/components=10000", func(b *testing.B) {
		path := filepath.Join(b.TempDir(), "components")
		writeFile(b, path, file)
		reg := discardRegistry(registry.WithFile(path))
		for _, n := range scaledNames(10_000) {
			reg.Component(n)
		}
		// Built beforehand, so that the probe times nothing but Component.
		probes := make([]string, 200_000)
		for i := range probes {
			probes[i] = fmt.Sprintf("probe.p%d", i)
		}
		var stalls []time.Duration
		stop := make(chan struct{})
		done := make(chan struct{})
		go func() {
			defer close(done)
			for i := 0; i < len(probes); i++ {
				select {
				case <-stop:
					return
				default:
				}
				start := time.Now()
				reg.Component(probes[i])
				stalls = append(stalls, time.Since(start))
				time.Sleep(100 * time.Microsecond)
			}
		}()
		for b.Loop() {
			if err := reg.Reload(); err != nil {
				b.Fatal(err)
			}
		}
		close(stop)
		<-done
		if len(stalls) == 0 {
			b.Fatal("no registration ran during the reloads")
		}
		slices.Sort(stalls)
		b.ReportMetric(float64(stalls[len(stalls)-1]), "max-stall-ns")
		b.ReportMetric(float64(stalls[(len(stalls)-1)*99/100]), "p99-stall-ns")
		b.ReportMetric(float64(len(stalls))/float64(b.N), "probes/op")
	})
}

// BenchmarkDisabledUntil measures a disabled Debug call on a component
// whose level a rule sets, with and without an until: the expiry must cost
// the call nothing.
func BenchmarkDisabledUntil(b *testing.B) {
	for _, rule := range []string{"db=info\n", "db=info until=2999-01-01T00:00:00Z\n"} {
		name := "no-until"
		if strings.Contains(rule, "until") {
			name = "until"
		}
		b.Run(name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "components")
			writeFile(b, path, []byte(rule))
			reg := discardRegistry(registry.WithFile(path))
			l := reg.Component("db")
			if err := reg.Reload(); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				l.Debug("query")
			}
		})
	}
}

// expiryCore reports the time of each entry whose message says "expired".
type expiryCore struct {
	zapcore.LevelEnabler
	at chan time.Time
}

func (c expiryCore) With([]zapcore.Field) zapcore.Core { return c }
func (c expiryCore) Check(e zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	if strings.Contains(e.Message, "expired") {
		return ce.AddCore(e, c)
	}
	return ce
}
func (c expiryCore) Write(e zapcore.Entry, _ []zapcore.Field) error {
	c.at <- e.Time
	return nil
}
func (c expiryCore) Sync() error { return nil }

// BenchmarkExpiryPrecision measures how late after its until= instant a
// rule expires: a rule 100 ms ahead per iteration, the lateness taken from
// the time of the expiry's log entry, which the registry writes once the
// levels are applied. It reports the median, the 99th percentile and the
// maximum over the iterations.
func BenchmarkExpiryPrecision(b *testing.B) {
	core := expiryCore{LevelEnabler: zapcore.DebugLevel, at: make(chan time.Time, 1)}
	path := filepath.Join(b.TempDir(), "components")
	reg := registry.New(registry.WithCore(core), registry.WithFile(path))
	db := reg.Component("db")
	var late []time.Duration
	for b.Loop() {
		until := time.Now().Add(100 * time.Millisecond).Round(0)
		writeFile(b, path, []byte("db until="+until.UTC().Format(time.RFC3339Nano)+"\n"))
		if err := reg.Reload(); err != nil {
			b.Fatal(err)
		}
		at := <-core.at
		if db.Level() != zapcore.InfoLevel {
			b.Fatalf("db at %v after the expiry", db.Level())
		}
		late = append(late, at.Sub(until))
	}
	slices.Sort(late)
	pct := func(p float64) float64 { return float64(late[int(p*float64(len(late)-1))]) }
	b.ReportMetric(pct(0.5), "p50-late-ns")
	b.ReportMetric(pct(0.99), "p99-late-ns")
	b.ReportMetric(float64(late[len(late)-1]), "max-late-ns")
	b.ReportMetric(float64(late[0]), "min-late-ns")
}
