package report

import "fmt"

// safetyTargets evaluates the cost targets of issue 19: redaction on by
// default costs an enabled call with no secret key at most 5% and one with
// a redacted field at most 30%, against the same call with redaction off;
// a limit adds at most 25 ns to an enabled call and nothing to a disabled
// one; counting each written entry costs at most 2% of an enabled call.
func safetyTargets(rs *Results) []Target {
	const (
		redaction = "BenchmarkRedaction/"
		limit     = "BenchmarkLimit/"
	)
	zapContext := nsOf(rs, "Enabled/TwoFields", Reference, "zap.Logger writing the same two fields")
	return []Target{
		pairTarget(rs, "Redaction: an enabled call with two fields, no secret key: at most 1.05× the same call with redaction off",
			redaction+"NoSecret/scopelog", redaction+"NoSecret/off", 1.05, zapContext),
		pairTarget(rs, "Redaction: an enabled call with one redacted field: at most 1.30× the same call with redaction off",
			redaction+"OneSecret/scopelog", redaction+"OneSecret/off", 1.3, freshContext(rs)),
		addedTarget(rs, "Limit: an enabled Debug call under limit=N/s adds at most 25 ns",
			limit+"Enabled/TwoFields/scopelog", limit+"Enabled/TwoFields/unlimited", 25),
		pairTarget(rs, "Limit: a disabled call under limit=N/s: at most 1.10× the same call without (the same code: the bound is noise)",
			limit+"Disabled/TwoFields/scopelog", limit+"Disabled/TwoFields/unlimited", 1.1, ""),
		counterTarget(rs),
	}
}

// pairTarget asks that mine take at most bound times other's ns/op.
func pairTarget(rs *Results, goal, mine, other string, bound float64, context string) Target {
	t := Target{Goal: goal, Bound: FormatRatio(bound), Context: context}
	a, ok1 := median(rs, mine, 0, "ns/op")
	b, ok2 := median(rs, other, 0, "ns/op")
	if ok1 && ok2 && b > 0 {
		r := a / b
		t.Measured = fmt.Sprintf("%s (%s ns vs %s ns)", FormatRatio(r), FormatNs(a), FormatNs(b))
		t.Met = r <= bound
	}
	return t
}

// addedTarget asks that mine take at most bound ns/op more than other.
func addedTarget(rs *Results, goal, mine, other string, bound float64) Target {
	t := Target{Goal: goal, Bound: FormatNs(bound) + " ns"}
	a, ok1 := median(rs, mine, 0, "ns/op")
	b, ok2 := median(rs, other, 0, "ns/op")
	if ok1 && ok2 {
		t.Measured = fmt.Sprintf("%s ns (%s ns vs %s ns)", FormatNs(a-b), FormatNs(a), FormatNs(b))
		t.Met = a-b <= bound
	}
	return t
}

// counterTarget asks that the atomic add that counts a written entry cost
// at most 2% of an enabled call with two fields.
func counterTarget(rs *Results) Target {
	const bound = 0.02
	t := Target{Goal: "Written counters: one atomic add per entry, at most 2% of an enabled call", Bound: "2%"}
	add, ok1 := median(rs, "BenchmarkCounters/AtomicAdd", 0, "ns/op")
	call, ok2 := median(rs, "BenchmarkEnabled/TwoFields/scopelog", 0, "ns/op")
	if ok1 && ok2 && call > 0 {
		r := add / call
		t.Measured = fmt.Sprintf("%.1f%% (%s ns of %s ns)", 100*r, FormatNs(add), FormatNs(call))
		t.Met = r <= bound
	}
	return t
}

// freshContext describes the cost of a secret whose fingerprint is not
// kept: the HMAC itself.
func freshContext(rs *Results) string {
	t := pairTarget(rs, "", "BenchmarkRedaction/FreshSecret/scopelog", "BenchmarkRedaction/FreshSecret/off", 0, "")
	if t.Measured == "" {
		return ""
	}
	return "a secret not seen among the last 256, whose fingerprint costs an HMAC-SHA256: " + t.Measured
}
