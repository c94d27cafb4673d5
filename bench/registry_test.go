package bench_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

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
