package report

import (
	"fmt"
	"strings"
)

// Target is one of the goals of issue 5, evaluated on a run.
type Target struct {
	Goal     string // what is asked, such as "Disabled/TwoFields: at most 0.2× zap.Logger"
	Measured string // the figure it is judged on, or "" if the run lacks it
	Bound    string
	Met      bool
	// Context gives figures that bound the measured one, such as what the
	// same call shape costs with nothing but an atomic load behind it.
	Context string
}

// Status is "met", "missed" or "not measured".
func (t Target) Status() string {
	switch {
	case t.Measured == "":
		return "not measured"
	case t.Met:
		return "met"
	default:
		return "missed"
	}
}

func median(rs *Results, name string, procs int, unit string) (float64, bool) {
	return rs.Lookup(name, procs).Median(unit)
}

// Targets evaluates the targets of issue 5 on rs, using the medians of the
// runs; ratios compare medians from the same run.
func Targets(rs *Results) []Target {
	var ts []Target
	lib := func(scenario, l string) string { return "Benchmark" + scenario + "/" + l }

	allocs := func(scenario string) {
		t := Target{Goal: scenario + ": 0 allocs/op", Bound: "0 allocs/op"}
		if v, ok := median(rs, lib(scenario, "scopelog"), 0, "allocs/op"); ok {
			t.Measured, t.Met = plural(v, "alloc")+"/op", v == 0
		}
		ts = append(ts, t)
	}
	// ratio judges scopelog's ns/op against other's in the same scenario.
	ratio := func(scenario, other, otherName string, bound float64, context string) {
		t := Target{Goal: fmt.Sprintf("%s: at most %s %s", scenario, FormatRatio(bound), otherName), Bound: FormatRatio(bound), Context: context}
		mine, ok1 := median(rs, lib(scenario, "scopelog"), 0, "ns/op")
		theirs, ok2 := median(rs, other, 0, "ns/op")
		if ok1 && ok2 && theirs > 0 {
			r := mine / theirs
			t.Measured = fmt.Sprintf("%s (%s ns vs %s ns)", FormatRatio(r), FormatNs(mine), FormatNs(theirs))
			t.Met = r <= bound
		}
		ts = append(ts, t)
	}
	// shape describes a Baseline reference shape relative to other.
	shape := func(baseline, other, otherName string) string {
		b, ok1 := median(rs, "BenchmarkBaseline/"+baseline, 0, "ns/op")
		o, ok2 := median(rs, other, 0, "ns/op")
		if !ok1 || !ok2 || o <= 0 {
			return ""
		}
		return fmt.Sprintf("Baseline/%s, the same call shape with nothing but an atomic load behind it: %s ns = %s %s",
			baseline, FormatNs(b), FormatRatio(b/o), otherName)
	}

	const atomicLoad = "BenchmarkBaseline/AtomicLoad"
	allocs("Disabled/TwoFields")
	ratio("Disabled/TwoFields", lib("Disabled/TwoFields", "zap"), "zap.Logger", 0.2,
		shape("AtomicLoadTwoZapFields", lib("Disabled/TwoFields", "zap"), "zap.Logger"))
	ratio("Disabled/TwoFields", lib("Disabled/TwoFields", "slog"), "slog", 0.75, "")
	ratio("Disabled/TwoFields", lib("Disabled/TwoFields", "go-log"), "go-log", 0.75, "")
	ratio("Disabled/NoFields", atomicLoad, "Baseline/AtomicLoad", 2, "")
	ratio("Disabled/Guarded", atomicLoad, "Baseline/AtomicLoad", 2,
		shape("AtomicLoadGuarded", atomicLoad, "Baseline/AtomicLoad"))
	allocs("Enabled/TwoFields")
	ratio("Enabled/TwoFields", lib("Enabled/TwoFields", "zap"), "zap.Logger", 1, "")
	ts = append(ts, parallelTarget(rs))

	reload := Target{Goal: "Reload of 1,000 rules × 10,000 components: at most 10 ms", Bound: "10 ms"}
	if ns, ok := median(rs, "BenchmarkReload/1k-rules-10k-components/flipped", 0, "ns/op"); ok {
		reload.Measured, reload.Met = fmt.Sprintf("%.2f ms with every level changing", ns/1e6), ns <= 10e6
		if kept, ok := median(rs, "BenchmarkReload/1k-rules-10k-components/kept", 0, "ns/op"); ok {
			reload.Context = fmt.Sprintf("%.2f ms when no level changes", kept/1e6)
		}
	}
	ts = append(ts, reload)

	signal := Target{Goal: "Signal→applied p99: at most 5 ms", Bound: "5 ms"}
	if p99, ok := median(rs, "BenchmarkSignalToApplied", 0, "p99-ms"); ok {
		signal.Measured, signal.Met = formatMs(p99)+" ms", p99 <= 5
		if p50, ok := median(rs, "BenchmarkSignalToApplied", 0, "p50-ms"); ok {
			signal.Context = "p50 " + formatMs(p50) + " ms"
		}
	}
	ts = append(ts, signal)

	mem := Target{Goal: "Memory: at most 512 B per registered component", Bound: "512 B"}
	if v, ok := median(rs, "BenchmarkMemoryPerComponent", 0, "B/component"); ok {
		mem.Measured, mem.Met = fmt.Sprintf("%.0f B", v), v <= 512
	}
	ts = append(ts, mem)

	// The slog front end against slog's own JSON handler with a LevelVar
	// (issue 12).
	const slogJSON = "slog.JSONHandler"
	ratio("Slog/Disabled/TwoAttrs", lib("Slog/Disabled/TwoAttrs", "slog"), slogJSON, 1.1, "")
	ratio("Slog/Enabled/TwoAttrs", lib("Slog/Enabled/TwoAttrs", "slog"), slogJSON, 1.2, "")
	// The registry's SlogHandler, through a With-derived logger, against
	// the component's own Slog() (issue 20).
	ts = append(ts, ratioTarget(rs, "SlogHandler/Disabled/TwoAttrs", "routed", "component", "the component's Slog()", 1.1, ""))
	ts = append(ts, eventTargets(rs)...)
	ts = append(ts, recorderTargets(rs)...)
	ts = append(ts, scaleTargets(rs)...)
	ts = append(ts, ctxTargets(rs)...)
	ts = append(ts, safetyTargets(rs)...)
	ts = append(ts, scopehttpTargets(rs)...)
	return ts
}

// recorderTargets evaluates the targets of issue 14: a recorded Debug call
// with two fields costs at most what zap.Logger's enabled Debug of the
// same call costs writing JSON to io.Discard, and allocates no more. The
// memory per recorded entry is given with the first.
func recorderTargets(rs *Results) []Target {
	const scenario = "Recorded/TwoFields"
	var mem string
	if v, ok := median(rs, "BenchmarkMemoryPerRecordedEntry", 0, "B/entry"); ok {
		mem = fmt.Sprintf("%.0f B of memory per recorded entry of two fields", v)
	}
	ratio := ratioTarget(rs, scenario, "scopelog", Reference, "zap.Logger writing it", 1, mem)
	allocs := Target{Goal: scenario + ": no more allocs/op than zap.Logger writing it", Bound: "zap.Logger's allocs/op"}
	mine, ok1 := median(rs, "Benchmark"+scenario+"/scopelog", 0, "allocs/op")
	theirs, ok2 := median(rs, "Benchmark"+scenario+"/"+Reference, 0, "allocs/op")
	if ok1 && ok2 {
		allocs.Measured = fmt.Sprintf("%s/op vs %s/op", plural(mine, "alloc"), plural(theirs, "alloc"))
		allocs.Met = mine <= theirs
	}
	return []Target{ratio, allocs}
}

// parallelTarget judges whether scopelog's disabled call scales: ns/op at
// -cpu 2 no worse than at -cpu 1. The other libraries' ratios go in the
// context, since on a shared machine they show how much of a miss is load.
func parallelTarget(rs *Results) Target {
	return parallelTargetOf(rs, "scopelog", "Parallel Disabled/TwoFields")
}

// parallelTargetOf judges lib's Parallel Disabled/TwoFields, under the goal
// name what.
func parallelTargetOf(rs *Results, lib, what string) Target {
	const bench = "BenchmarkParallelDisabled/TwoFields/"
	t := Target{Goal: what + ": ns/op at -cpu 2 no worse than at -cpu 1", Bound: "1.00× (-cpu 2 / -cpu 1)"}
	scale := func(l string) (one, two float64, ok bool) {
		one, ok1 := median(rs, bench+l, 1, "ns/op")
		two, ok2 := median(rs, bench+l, 2, "ns/op")
		return one, two, ok1 && ok2 && one > 0
	}
	var notes []string
	if one, two, ok := scale(lib); ok {
		t.Measured = fmt.Sprintf("%s (%s ns at -cpu 2, %s ns at -cpu 1)", FormatRatio(two/one), FormatNs(two), FormatNs(one))
		t.Met = two <= one
		// Runs that disagree by far more than noise point at memory
		// placement, such as a written neighbour on the same cache line.
		r := rs.Lookup(bench+lib, 2)
		if lo, hi, ok := r.Range("ns/op"); ok && r.Runs("ns/op") > 1 {
			notes = append(notes, fmt.Sprintf("%s's %d runs at -cpu 2 took %s to %s ns", lib, r.Runs("ns/op"), FormatNs(lo), FormatNs(hi)))
		}
	}
	var others []string
	for _, l := range Libraries {
		if l == lib {
			continue
		}
		if one, two, ok := scale(l); ok {
			others = append(others, fmt.Sprintf("%s %s", l, FormatRatio(two/one)))
		}
	}
	if len(others) > 0 {
		notes = append(notes, "-cpu 2 / -cpu 1 of the others: "+strings.Join(others, ", "))
	}
	t.Context = strings.Join(notes, "; ")
	return t
}

// TargetList returns the targets as a markdown list.
func TargetList(ts []Target) string {
	var b strings.Builder
	for _, t := range ts {
		switch t.Status() {
		case "not measured":
			fmt.Fprintf(&b, "- **not measured**: %s (bound %s)\n", t.Goal, t.Bound)
			continue
		case "met":
			fmt.Fprintf(&b, "- met: %s — measured %s, bound %s", t.Goal, t.Measured, t.Bound)
		default:
			fmt.Fprintf(&b, "- **missed**: %s — measured %s, bound %s", t.Goal, t.Measured, t.Bound)
		}
		if t.Context != "" {
			b.WriteString(". For reference: " + t.Context)
		}
		b.WriteString("\n")
	}
	return b.String()
}
