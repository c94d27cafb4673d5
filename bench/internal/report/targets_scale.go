package report

import (
	"fmt"
	"strings"
)

// The benchmarks of the reload and lookup scaling of issue 13, section 3.
const (
	scalingBench  = "BenchmarkReloadScaling/components=%d/rules=%d"
	typosBench    = "BenchmarkReloadTypos/components=%d/typos=10"
	hostileBench  = "BenchmarkReloadHostile/1MiB-star-rules/components=10000"
	lockHoldBench = "BenchmarkReloadLockHold/1MiB-star-rules/components=10000"
	lookupBench   = "BenchmarkParallelComponent/"
)

// ScaleComponents and ScaleRules are the axes of the scaling table.
var (
	ScaleComponents = []int{1_000, 10_000, 100_000}
	ScaleRules      = []int{10, 1_000, 10_000}
)

// scaleTargets evaluates the targets of issue 13 for reloads and lookups
// that scale: bounded reload times, a lock no caller waits on for long, a
// lookup that scales across cores, and the memory per component.
func scaleTargets(rs *Results) []Target {
	return []Target{
		reloadTarget(rs, "Reload, 100,000 components, 10 rules, 10 typos", fmt.Sprintf(typosBench, 100_000), 20),
		reloadTarget(rs, "Reload, 10,000 components, 10 typos", fmt.Sprintf(typosBench, 10_000), 3),
		reloadTarget(rs, "Reload, 1,000 components, 10,000 rules", fmt.Sprintf(scalingBench, 1_000, 10_000), 5),
		reloadTarget(rs, "Reload of a 1 MiB file of '*' rules at 10,000 components", hostileBench, 500),
		lockTarget(rs),
		lookupTarget(rs),
		memoryTarget(rs, 400),
	}
}

// reloadTarget asks that bench take at most bound ms per reload. The CPU
// time per reload goes in the context, since on a busy machine the wall
// time counts waits for a core.
func reloadTarget(rs *Results, what, bench string, bound float64) Target {
	t := Target{Goal: fmt.Sprintf("%s: at most %g ms", what, bound), Bound: fmt.Sprintf("%g ms", bound)}
	r := rs.Lookup(bench, 0)
	if ns, ok := r.Median("ns/op"); ok {
		t.Measured, t.Met = formatMs(ns/1e6)+" ms", ns <= bound*1e6
		if cpu, ok := r.Median("cpu-ns/op"); ok {
			t.Context = "CPU time " + formatMs(cpu/1e6) + " ms per reload, every goroutine counted"
		}
	}
	return t
}

// lockTarget asks that no registration wait more than 10 ms for the
// registry's lock while hostile reloads run.
func lockTarget(rs *Results) Target {
	const bound = 10
	t := Target{Goal: "Registry lock during reloads of a 1 MiB file of '*' rules: no registration waits more than 10 ms", Bound: "10 ms"}
	r := rs.Lookup(lockHoldBench, 0)
	if ns, ok := r.Median("max-stall-ns"); ok {
		t.Measured, t.Met = formatMs(ns/1e6)+" ms, the longest wait (median over runs)", ns <= bound*1e6
		var notes []string
		if lo, hi, ok := r.Range("max-stall-ns"); ok && r.Runs("max-stall-ns") > 1 {
			notes = append(notes, fmt.Sprintf("the longest wait of each run took %s to %s ms", formatMs(lo/1e6), formatMs(hi/1e6)))
		}
		if p99, ok := r.Median("p99-stall-ns"); ok {
			notes = append(notes, "99th percentile "+formatMs(p99/1e6)+" ms")
		}
		notes = append(notes, "a wait counts the scheduler and the collector too, so it bounds the hold from above")
		t.Context = strings.Join(notes, "; ")
	}
	return t
}

// lookupTarget asks that Component of registered names, each goroutine its
// own, give at least 1.6 times the throughput from 2 goroutines as from 1.
func lookupTarget(rs *Results) Target {
	const bound = 1.6
	t := Target{Goal: "Component(name) from 2 goroutines: at least 1.60× the throughput of one", Bound: "1.60× (ns/op at -cpu 1 / ns/op at -cpu 2)"}
	scale := func(sub string) (one, two float64, ok bool) {
		one, ok1 := median(rs, lookupBench+sub, 1, "ns/op")
		two, ok2 := median(rs, lookupBench+sub, 2, "ns/op")
		return one, two, ok1 && ok2 && two > 0
	}
	one, two, ok := scale("distinct")
	if !ok {
		return t
	}
	t.Measured = fmt.Sprintf("%s (%s ns at -cpu 1, %s ns at -cpu 2)", FormatRatio(one/two), FormatNs(one), FormatNs(two))
	t.Met = one/two >= bound
	var notes []string
	if o, w, ok := scale("same"); ok {
		notes = append(notes, "every goroutine on one name: "+FormatRatio(o/w))
	}
	c1, ok1 := median(rs, lookupBench+"distinct", 1, "cpu-ns/op")
	c2, ok2 := median(rs, lookupBench+"distinct", 2, "cpu-ns/op")
	if ok1 && ok2 {
		notes = append(notes, fmt.Sprintf("CPU time per lookup %s ns at -cpu 1 and %s ns at -cpu 2, which contention would raise", FormatNs(c1), FormatNs(c2)))
	}
	t.Context = strings.Join(notes, "; ")
	return t
}

// memoryTarget asks for at most bound bytes of heap per component.
func memoryTarget(rs *Results, bound float64) Target {
	t := Target{Goal: fmt.Sprintf("Memory: at most %.0f B per registered component", bound), Bound: fmt.Sprintf("%.0f B", bound)}
	if v, ok := median(rs, "BenchmarkMemoryPerComponent", 0, "B/component"); ok {
		t.Measured, t.Met = fmt.Sprintf("%.0f B", v), v <= bound
	}
	return t
}

// ScaleTable returns a markdown table of what a reload costs by the number
// of registered components and of rules, with a column for ten rules that
// are typos of registered names, followed by the hostile file, the lock
// and the lookup. It returns "" if the run has none of it.
func ScaleTable(rs *Results) string {
	ms := func(name string) string {
		if ns, ok := rs.Lookup(name, 0).Median("ns/op"); ok {
			return formatMs(ns/1e6) + " ms"
		}
		return ""
	}
	var b strings.Builder
	any := false
	cell := func(c string) {
		any = any || c != ""
		if c != "" {
			b.WriteString(" " + c)
		}
		b.WriteString(" |")
	}
	b.WriteString("| components |")
	for _, nr := range ScaleRules {
		fmt.Fprintf(&b, " %s rules |", thousands(nr))
	}
	b.WriteString(" 10 typos |\n|--:|")
	b.WriteString(strings.Repeat("--:|", len(ScaleRules)+1))
	b.WriteString("\n")
	for _, nc := range ScaleComponents {
		fmt.Fprintf(&b, "| %s |", thousands(nc))
		for _, nr := range ScaleRules {
			cell(ms(fmt.Sprintf(scalingBench, nc, nr)))
		}
		cell(ms(fmt.Sprintf(typosBench, nc)))
		b.WriteString("\n")
	}
	if !any {
		b.Reset()
	} else {
		b.WriteString("\n")
	}
	var rows []string
	if c := ms(hostileBench); c != "" {
		rows = append(rows, "| reload of a 1 MiB file of '*' rules (524,288), 10,000 components | "+c+" |")
	}
	lock := rs.Lookup(lockHoldBench, 0)
	if mx, ok := lock.Median("max-stall-ns"); ok {
		p99, _ := lock.Median("p99-stall-ns")
		rows = append(rows, fmt.Sprintf("| longest wait of a registration during those reloads (99th percentile) | %s ms (%s ms) |", formatMs(mx/1e6), formatMs(p99/1e6)))
	}
	for _, sub := range []struct{ name, what string }{{"distinct", "a name per goroutine"}, {"same", "one name"}} {
		one, ok1 := median(rs, lookupBench+sub.name, 1, "ns/op")
		two, ok2 := median(rs, lookupBench+sub.name, 2, "ns/op")
		if ok1 && ok2 && two > 0 {
			rows = append(rows, fmt.Sprintf("| Component(name), %s: -cpu 1, -cpu 2 (throughput ratio) | %s ns, %s ns (%s) |", sub.what, FormatNs(one), FormatNs(two), FormatRatio(one/two)))
		}
	}
	if len(rows) > 0 {
		b.WriteString("| measurement | result |\n|---|--:|\n")
		b.WriteString(strings.Join(rows, "\n") + "\n")
	}
	return b.String()
}

// thousands formats n with commas, such as 10,000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
