package report

import "fmt"

// eventTargets evaluates the targets of issue 13 for scopelog's event form
// (the column EventLibrary): a disabled two-field chain at most half of
// zerolog's, enabled calls no slower than zap.Logger, no allocation either
// way, and a disabled call that scales across cores.
func eventTargets(rs *Results) []Target {
	const (
		disabled = "Disabled/TwoFields"
		enabled  = "Enabled/TwoFields"
	)
	return []Target{
		allocsTarget(rs, disabled, EventLibrary),
		ratioTarget(rs, disabled, EventLibrary, FastReference, "zerolog", 0.5,
			nsOf(rs, disabled, "scopelog", "the zap form, which builds its two zap.Fields before the call")),
		allocsTarget(rs, enabled, EventLibrary),
		ratioTarget(rs, enabled, EventLibrary, Reference, "zap.Logger", 1,
			nsOf(rs, enabled, "scopelog", "the zap form")),
		parallelTargetOf(rs, EventLibrary, "Parallel Disabled/TwoFields, event form"),
	}
}

// goalName names lib's call in scenario, as a target's goal says it.
func goalName(scenario, lib string) string {
	if lib == EventLibrary {
		return scenario + ", event form"
	}
	return scenario
}

// allocsTarget asks that lib allocate nothing in scenario.
func allocsTarget(rs *Results, scenario, lib string) Target {
	t := Target{Goal: goalName(scenario, lib) + ": 0 allocs/op", Bound: "0 allocs/op"}
	if v, ok := median(rs, "Benchmark"+scenario+"/"+lib, 0, "allocs/op"); ok {
		t.Measured, t.Met = plural(v, "alloc")+"/op", v == 0
	}
	return t
}

// ratioTarget asks that lib take at most bound times other's ns/op in
// scenario.
func ratioTarget(rs *Results, scenario, lib, other, otherName string, bound float64, context string) Target {
	t := Target{
		Goal:    fmt.Sprintf("%s: at most %s %s", goalName(scenario, lib), FormatRatio(bound), otherName),
		Bound:   FormatRatio(bound),
		Context: context,
	}
	mine, ok1 := median(rs, "Benchmark"+scenario+"/"+lib, 0, "ns/op")
	theirs, ok2 := median(rs, "Benchmark"+scenario+"/"+other, 0, "ns/op")
	if ok1 && ok2 && theirs > 0 {
		r := mine / theirs
		t.Measured = fmt.Sprintf("%s (%s ns vs %s ns)", FormatRatio(r), FormatNs(mine), FormatNs(theirs))
		t.Met = r <= bound
	}
	return t
}

// nsOf describes lib's ns/op in scenario as what, or returns "".
func nsOf(rs *Results, scenario, lib, what string) string {
	ns, ok := median(rs, "Benchmark"+scenario+"/"+lib, 0, "ns/op")
	if !ok {
		return ""
	}
	return fmt.Sprintf("%s, %s ns", what, FormatNs(ns))
}
