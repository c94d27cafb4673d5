package report

import (
	"fmt"
	"strings"
)

// Libraries are the columns of the comparison, in order: scopelog's zap form
// and its event form first, then zap.Logger, which every first ratio is
// relative to. A table has a column only for the libraries the run measured.
var Libraries = []string{
	"scopelog", EventLibrary,
	"zap", "zap-atomic", "zap-sugar",
	"slog",
	"go-log",
	"zerolog", "phuslu",
}

// EventLibrary is the column of scopelog's event form,
// l.DebugEvent().Int(...).Str(...).Msg(...).
const EventLibrary = "scopelog-event"

// Reference is the library every first ratio is relative to.
const Reference = "zap"

// FastReference is the library every second ratio is relative to: zerolog,
// the usual pick of Go users who choose a logger for speed.
const FastReference = "zerolog"

// measured returns the Libraries that have a result in at least one
// scenario of rs.
func measured(rs *Results) []string {
	var libs []string
	for _, lib := range Libraries {
		for _, s := range Scenarios {
			if s.lookup(rs, lib) != nil {
				libs = append(libs, lib)
				break
			}
		}
	}
	return libs
}

// Scenario is one row group of the comparison: a benchmark whose
// sub-benchmarks are named after Libraries.
type Scenario struct {
	Title string
	Bench string // the benchmark name, without the library
	Procs int    // GOMAXPROCS, or 0 for the run's default
}

// Scenarios are the rows of the comparison, in order.
var Scenarios = []Scenario{
	{"Disabled/NoFields", "BenchmarkDisabled/NoFields", 0},
	{"Disabled/TwoFields", "BenchmarkDisabled/TwoFields", 0},
	{"Disabled/Guarded", "BenchmarkDisabled/Guarded", 0},
	{"Disabled/AccumulatedContext", "BenchmarkDisabled/AccumulatedContext", 0},
	{"Enabled/TwoFields", "BenchmarkEnabled/TwoFields", 0},
	{"Parallel Disabled/TwoFields, -cpu 1", "BenchmarkParallelDisabled/TwoFields", 1},
	{"Parallel Disabled/TwoFields, -cpu 2", "BenchmarkParallelDisabled/TwoFields", 2},
}

// Baselines are the reference shapes of BenchmarkBaseline.
var Baselines = []struct{ Name, Bench, What string }{
	{"AtomicLoad", "BenchmarkBaseline/AtomicLoad", "one atomic load and compare: the floor of a disabled call"},
	{"AtomicLoadGuarded", "BenchmarkBaseline/AtomicLoadGuarded", "the same load guarding a body that builds two zap.Fields (the Guarded shape)"},
	{"AtomicLoadTwoZapFields", "BenchmarkBaseline/AtomicLoadTwoZapFields", "the same load in an inlined function taking two zap.Fields (the TwoFields shape)"},
}

func (s Scenario) lookup(rs *Results, lib string) *Result {
	return rs.Lookup(s.Bench+"/"+lib, s.Procs)
}

// cell is one library's figures in one scenario.
type cell struct {
	ns, bytes, allocs float64
	ratio             float64 // to Reference, or 0 if unknown
	fast              float64 // to FastReference, or 0 if unknown
	ok                bool
}

func (s Scenario) cell(rs *Results, lib string) cell {
	r := s.lookup(rs, lib)
	ns, ok := r.Median("ns/op")
	if !ok {
		return cell{}
	}
	c := cell{ns: ns, ok: true}
	c.bytes, _ = r.Median("B/op")
	c.allocs, _ = r.Median("allocs/op")
	if ref, ok := s.lookup(rs, Reference).Median("ns/op"); ok && ref > 0 {
		c.ratio = ns / ref
	}
	if ref, ok := s.lookup(rs, FastReference).Median("ns/op"); ok && ref > 0 {
		c.fast = ns / ref
	}
	return c
}

// ratioOrDash formats a ratio, or "—" if it is unknown.
func ratioOrDash(r float64) string {
	if r <= 0 {
		return "—"
	}
	return FormatRatio(r)
}

// FormatNs formats nanoseconds with the precision their size deserves.
func FormatNs(ns float64) string {
	switch {
	case ns < 10:
		return fmt.Sprintf("%.2f", ns)
	case ns < 100:
		return fmt.Sprintf("%.1f", ns)
	default:
		return fmt.Sprintf("%.0f", ns)
	}
}

// FormatRatio formats a ratio such as 0.25×.
func FormatRatio(r float64) string {
	if r < 0.1 {
		return fmt.Sprintf("%.3f×", r)
	}
	return fmt.Sprintf("%.2f×", r)
}

func plural(n float64, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%.0f %ss", n, unit)
}

// DetailTable returns a markdown table with a row per scenario and library:
// ns/op, the ratios to zap.Logger and to zerolog, B/op and allocs/op, each
// the median of the runs.
func DetailTable(rs *Results) string {
	var b strings.Builder
	b.WriteString("| scenario | library | ns/op | × zap.Logger | × zerolog | B/op | allocs/op |\n")
	b.WriteString("|---|---|--:|--:|--:|--:|--:|\n")
	for _, s := range Scenarios {
		for _, lib := range Libraries {
			c := s.cell(rs, lib)
			if !c.ok {
				continue
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %.0f | %.0f |\n",
				s.Title, lib, FormatNs(c.ns), ratioOrDash(c.ratio), ratioOrDash(c.fast), c.bytes, c.allocs)
		}
	}
	return b.String()
}

// SummaryTable returns a markdown table with a row per scenario and a column
// per library the run measured, each cell giving ns/op, the ratio to
// zap.Logger, the ratio to zerolog and allocs/op.
func SummaryTable(rs *Results) string {
	libs := measured(rs)
	var b strings.Builder
	b.WriteString("| scenario |")
	for _, lib := range libs {
		b.WriteString(" " + lib + " |")
	}
	b.WriteString("\n|---|")
	b.WriteString(strings.Repeat("--:|", len(libs)))
	b.WriteString("\n")
	for _, s := range Scenarios {
		b.WriteString("| " + s.Title + " |")
		for _, lib := range libs {
			c := s.cell(rs, lib)
			if !c.ok {
				b.WriteString(" |")
				continue
			}
			parts := []string{FormatNs(c.ns) + " ns"}
			if c.ratio > 0 {
				parts = append(parts, FormatRatio(c.ratio)+" zap")
			}
			if c.fast > 0 {
				parts = append(parts, FormatRatio(c.fast)+" zerolog")
			}
			parts = append(parts, plural(c.allocs, "alloc"))
			b.WriteString(" " + strings.Join(parts, " · ") + " |")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// BaselineTable returns a markdown table of the reference shapes.
func BaselineTable(rs *Results) string {
	var b strings.Builder
	b.WriteString("| baseline | ns/op | what it measures |\n|---|--:|---|\n")
	for _, bl := range Baselines {
		ns, ok := rs.Lookup(bl.Bench, 0).Median("ns/op")
		if !ok {
			continue
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", bl.Name, FormatNs(ns), bl.What)
	}
	return b.String()
}

// RegistryTable returns a markdown table of the registry and reload
// benchmarks.
func RegistryTable(rs *Results) string {
	var b strings.Builder
	b.WriteString("| measurement | result |\n|---|--:|\n")
	row := func(what, value string) { fmt.Fprintf(&b, "| %s | %s |\n", what, value) }
	if ns, ok := rs.Lookup("BenchmarkRegistry/Component", 0).Median("ns/op"); ok {
		row("Component(name) of a registered name, among 10,000", FormatNs(ns)+" ns")
	}
	for _, v := range []struct{ sub, what string }{
		{"kept", "no level changes"},
		{"flipped", "all 10,000 levels change"},
	} {
		if ns, ok := rs.Lookup("BenchmarkReload/1k-rules-10k-components/"+v.sub, 0).Median("ns/op"); ok {
			row("Reload, 1,000 rules × 10,000 components, "+v.what, fmt.Sprintf("%.2f ms", ns/1e6))
		}
	}
	latency := func(what string, r *Result) {
		p50, ok1 := r.Median("p50-ms")
		p99, ok2 := r.Median("p99-ms")
		if ok1 && ok2 {
			row(what, fmt.Sprintf("p50 %s ms, p99 %s ms", formatMs(p50), formatMs(p99)))
		}
	}
	latency("SIGUSR1 → level applied", rs.Lookup("BenchmarkSignalToApplied", 0))
	for _, d := range []string{"100ms", "10ms"} {
		latency("file saved → level applied (watcher, debounce "+d+")", rs.Lookup("BenchmarkSaveToApplied/debounce="+d, 0))
	}
	if v, ok := rs.Lookup("BenchmarkMemoryPerComponent", 0).Median("B/component"); ok {
		row("heap per registered component", fmt.Sprintf("%.0f B", v))
	}
	return b.String()
}

func formatMs(ms float64) string {
	switch {
	case ms < 1:
		return fmt.Sprintf("%.3f", ms)
	case ms < 10:
		return fmt.Sprintf("%.2f", ms)
	default:
		return fmt.Sprintf("%.1f", ms)
	}
}
