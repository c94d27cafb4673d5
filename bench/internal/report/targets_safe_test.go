package report

import "testing"

func TestSafetyTargets(t *testing.T) {
	ts := Targets(synthetic(t,
		"BenchmarkEnabled/TwoFields/scopelog-2 10 500 ns/op",
		"BenchmarkEnabled/TwoFields/zap-2 10 520 ns/op",
		"BenchmarkRedaction/NoSecret/scopelog-2 10 525 ns/op",
		"BenchmarkRedaction/NoSecret/off-2 10 500 ns/op",
		"BenchmarkRedaction/OneSecret/scopelog-2 10 651 ns/op",
		"BenchmarkRedaction/OneSecret/off-2 10 500 ns/op",
		"BenchmarkRedaction/FreshSecret/scopelog-2 10 900 ns/op",
		"BenchmarkRedaction/FreshSecret/off-2 10 500 ns/op",
		"BenchmarkLimit/Enabled/TwoFields/scopelog-2 10 525 ns/op",
		"BenchmarkLimit/Enabled/TwoFields/unlimited-2 10 500 ns/op",
		"BenchmarkLimit/Disabled/TwoFields/scopelog-2 10 5.5 ns/op",
		"BenchmarkLimit/Disabled/TwoFields/unlimited-2 10 5 ns/op",
		"BenchmarkCounters/AtomicAdd-2 10 10 ns/op",
	))
	for _, w := range []struct{ goal, status, measured, context string }{
		{"Redaction: an enabled call with two fields, no secret key: at most 1.05× the same call with redaction off",
			"met", "1.05× (525 ns vs 500 ns)", "zap.Logger writing the same two fields, 520 ns"},
		{"Redaction: an enabled call with one redacted field: at most 1.30× the same call with redaction off",
			"missed", "1.30× (651 ns vs 500 ns)", "a secret not seen among the last 256, whose fingerprint costs an HMAC-SHA256: 1.80× (900 ns vs 500 ns)"},
		{"Limit: an enabled Debug call under limit=N/s adds at most 25 ns", "met", "25.0 ns (525 ns vs 500 ns)", ""},
		{"Limit: a disabled call under limit=N/s: at most 1.10× the same call without (the same code: the bound is noise)",
			"met", "1.10× (5.50 ns vs 5.00 ns)", ""},
		{"Written counters: one atomic add per entry, at most 2% of an enabled call", "met", "2.0% (10.0 ns of 500 ns)", ""},
	} {
		got := find(t, ts, w.goal)
		if got.Status() != w.status || got.Measured != w.measured || got.Context != w.context {
			t.Errorf("%s: %s %q (%q), want %s %q (%q)", w.goal, got.Status(), got.Measured, got.Context, w.status, w.measured, w.context)
		}
	}
	// A nanosecond over each bound misses.
	ts = Targets(synthetic(t,
		"BenchmarkLimit/Enabled/TwoFields/scopelog-2 10 526 ns/op",
		"BenchmarkLimit/Enabled/TwoFields/unlimited-2 10 500 ns/op",
		"BenchmarkEnabled/TwoFields/scopelog-2 10 499 ns/op",
		"BenchmarkCounters/AtomicAdd-2 10 10 ns/op",
	))
	for _, goal := range []string{
		"Limit: an enabled Debug call under limit=N/s adds at most 25 ns",
		"Written counters: one atomic add per entry, at most 2% of an enabled call",
	} {
		if got := find(t, ts, goal); got.Status() != "missed" {
			t.Errorf("%s: %s (%s), want missed", goal, got.Status(), got.Measured)
		}
	}
}
