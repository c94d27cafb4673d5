package report

import (
	"strings"
	"testing"
)

func TestTargetsOnSample(t *testing.T) {
	ts := Targets(loadSample(t))
	// The medians of the sample and what each target makes of them.
	want := []struct {
		goal, status, measured string
	}{
		{"Disabled/TwoFields: 0 allocs/op", "met", "0 allocs/op"},
		{"Disabled/TwoFields: at most 0.20× zap.Logger", "met", "0.16× (15.0 ns vs 93.6 ns)"},
		{"Disabled/TwoFields: at most 0.75× slog", "met", "0.73× (15.0 ns vs 20.6 ns)"},
		{"Disabled/TwoFields: at most 0.75× go-log", "met", "0.25× (15.0 ns vs 58.7 ns)"},
		{"Disabled/NoFields: at most 2.00× Baseline/AtomicLoad", "met", "1.03× (0.73 ns vs 0.71 ns)"},
		{"Disabled/Guarded: at most 2.00× Baseline/AtomicLoad", "missed", "2.93× (2.07 ns vs 0.71 ns)"},
		{"Enabled/TwoFields: 0 allocs/op", "met", "0 allocs/op"},
		{"Enabled/TwoFields: at most 1.00× zap.Logger", "met", "0.95× (1040 ns vs 1090 ns)"},
		{"Parallel Disabled/TwoFields: ns/op at -cpu 2 no worse than at -cpu 1", "missed", "1.35× (18.9 ns at -cpu 2, 13.9 ns at -cpu 1)"},
		{"Reload of 1,000 rules × 10,000 components: at most 10 ms", "met", "9.22 ms with every level changing"},
		{"Signal→applied p99: at most 5 ms", "met", ""},
		{"Memory: at most 512 B per registered component", "met", "280 B"},
		{"Slog/Disabled/TwoAttrs: at most 1.10× slog.JSONHandler", "not measured", ""},
		{"Slog/Enabled/TwoAttrs: at most 1.20× slog.JSONHandler", "not measured", ""},
		{"SlogHandler/Disabled/TwoAttrs: at most 1.10× the component's Slog()", "not measured", ""},
		{"Disabled/TwoFields, event form: 0 allocs/op", "not measured", ""},
		{"Disabled/TwoFields, event form: at most 0.50× zerolog", "not measured", ""},
		{"Enabled/TwoFields, event form: 0 allocs/op", "not measured", ""},
		{"Enabled/TwoFields, event form: at most 1.00× zap.Logger", "not measured", ""},
		{"Parallel Disabled/TwoFields, event form: ns/op at -cpu 2 no worse than at -cpu 1", "not measured", ""},
		{"Recorded/TwoFields: at most 1.00× zap.Logger writing it", "not measured", ""},
		{"Recorded/TwoFields: no more allocs/op than zap.Logger writing it", "not measured", ""},
		{"Reload, 100,000 components, 10 rules, 10 typos: at most 20 ms", "not measured", ""},
		{"Reload, 10,000 components, 10 typos: at most 3 ms", "not measured", ""},
		{"Reload, 1,000 components, 10,000 rules: at most 5 ms", "not measured", ""},
		{"Reload of a 1 MiB file of '*' rules at 10,000 components: at most 500 ms", "not measured", ""},
		{"Registry lock during reloads of a 1 MiB file of '*' rules: no registration waits more than 10 ms", "not measured", ""},
		{"Component(name) from 2 goroutines: at least 1.60× the throughput of one", "not measured", ""},
		{"Memory: at most 400 B per registered component", "met", "280 B"},
		{"Ctx/Disabled/NoScopedRule, event form: at most 0.50× zerolog's disabled chain", "not measured", ""},
		{"Ctx/Disabled/NoScopedRule, event form: 0 allocs/op", "not measured", ""},
		{"Ctx/Disabled/NoScopedRule: at most 1.20× the same call on the Logger", "not measured", ""},
		{"Ctx/Disabled/NoScopedRule: 0 allocs/op", "not measured", ""},
		{"Ctx/Disabled/OtherTenant, event form: at most 1.00× zerolog.Ctx(ctx), its logger as deep in the context", "not measured", ""},
		{"Ctx/Disabled/OtherTenant, event form: 0 allocs/op", "not measured", ""},
		{"Ctx/Enabled/Matching: at most 1.10× the same line at Debug, its scope a field", "not measured", ""},
		{"Ctx/Enabled/Matching, event form: at most 1.10× the same line at Debug, its scope a field", "not measured", ""},
		{"Ctx/Enabled/Matching: 0 allocs/op", "not measured", ""},
		{"Ctx/Enabled/Matching, event form: 0 allocs/op", "not measured", ""},
		{"Redaction: an enabled call with two fields, no secret key: at most 1.05× the same call with redaction off", "not measured", ""},
		{"Redaction: an enabled call with one redacted field: at most 1.30× the same call with redaction off", "not measured", ""},
		{"Limit: an enabled Debug call under limit=N/s adds at most 25 ns", "not measured", ""},
		{"Limit: a disabled call under limit=N/s: at most 1.10× the same call without (the same code: the bound is noise)", "not measured", ""},
		{"Written counters: one atomic add per entry, at most 2% of an enabled call", "not measured", ""},
		{"RequestRecorded/TwoFields: at most 1.00× zap.Logger writing it", "not measured", ""},
		{"RequestRecorded/TwoFields: 0 allocs/op", "not measured", ""},
		{"RequestRecorded/TwoFields, event form: 0 allocs/op", "not measured", ""},
		{"Request, recorder on, no failure: at most 2000 ns more than the handler alone", "not measured", ""},
	}
	if len(ts) != len(want) {
		t.Fatalf("%d targets, want %d", len(ts), len(want))
	}
	for i, w := range want {
		got := ts[i]
		if got.Goal != w.goal || got.Status() != w.status || w.measured != "" && got.Measured != w.measured {
			t.Errorf("target %d = %q %s %q, want %q %s %q", i, got.Goal, got.Status(), got.Measured, w.goal, w.status, w.measured)
		}
	}
	// A miss carries what bounds it.
	if c := ts[5].Context; !strings.Contains(c, "Baseline/AtomicLoadGuarded") || !strings.Contains(c, "1.41 ns = 2.00× Baseline/AtomicLoad") {
		t.Errorf("Guarded context = %q", c)
	}
	if c := ts[8].Context; c != "scopelog's 2 runs at -cpu 2 took 17.9 to 19.9 ns; -cpu 2 / -cpu 1 of the others: zap 1.08×, slog 0.51×, go-log 1.20×" {
		t.Errorf("parallel context = %q", c)
	}
	if c := ts[9].Context; c != "2.33 ms when no level changes" {
		t.Errorf("reload context = %q", c)
	}
}

// synthetic builds Results from result lines.
func synthetic(t *testing.T, lines ...string) *Results {
	t.Helper()
	rs, err := Parse(strings.NewReader(strings.Join(lines, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func find(t *testing.T, ts []Target, goal string) Target {
	t.Helper()
	for _, tg := range ts {
		if tg.Goal == goal {
			return tg
		}
	}
	t.Fatalf("no target %q", goal)
	return Target{}
}

func TestTargetBoundsAreInclusive(t *testing.T) {
	ts := Targets(synthetic(t,
		"BenchmarkDisabled/TwoFields/scopelog-2 10 10 ns/op 0 B/op 0 allocs/op",
		"BenchmarkDisabled/TwoFields/zap-2 10 50 ns/op 128 B/op 1 allocs/op",
		"BenchmarkEnabled/TwoFields/scopelog-2 10 500 ns/op 0 B/op 1 allocs/op",
		"BenchmarkEnabled/TwoFields/zap-2 10 500 ns/op 128 B/op 1 allocs/op",
		"BenchmarkParallelDisabled/TwoFields/scopelog 10 8 ns/op",
		"BenchmarkParallelDisabled/TwoFields/scopelog-2 10 8 ns/op",
		"BenchmarkReload/1k-rules-10k-components/flipped-2 10 10000000 ns/op",
		"BenchmarkSignalToApplied-2 10 1 ns/op 5 p99-ms",
		"BenchmarkMemoryPerComponent-2 10 1 ns/op 512 B/component",
	))
	for _, goal := range []string{
		"Disabled/TwoFields: at most 0.20× zap.Logger",
		"Enabled/TwoFields: at most 1.00× zap.Logger",
		"Parallel Disabled/TwoFields: ns/op at -cpu 2 no worse than at -cpu 1",
		"Reload of 1,000 rules × 10,000 components: at most 10 ms",
		"Signal→applied p99: at most 5 ms",
		"Memory: at most 512 B per registered component",
	} {
		if got := find(t, ts, goal); got.Status() != "met" {
			t.Errorf("%s: %s (%s), want met at the bound", goal, got.Status(), got.Measured)
		}
	}
	if got := find(t, ts, "Enabled/TwoFields: 0 allocs/op"); got.Status() != "missed" || got.Measured != "1 alloc/op" {
		t.Errorf("one alloc: %s %q, want missed", got.Status(), got.Measured)
	}
	// What the run lacks is not measured, never met.
	for _, goal := range []string{
		"Disabled/TwoFields: at most 0.75× slog",
		"Disabled/NoFields: at most 2.00× Baseline/AtomicLoad",
	} {
		if got := find(t, ts, goal); got.Status() != "not measured" || got.Met {
			t.Errorf("%s: %s, want not measured", goal, got.Status())
		}
	}
}

func TestTargetList(t *testing.T) {
	list := TargetList([]Target{
		{Goal: "A", Measured: "1", Bound: "2", Met: true},
		{Goal: "B", Measured: "3", Bound: "2", Context: "why"},
		{Goal: "C", Bound: "2"},
	})
	want := "- met: A — measured 1, bound 2\n" +
		"- **missed**: B — measured 3, bound 2. For reference: why\n" +
		"- **not measured**: C (bound 2)\n"
	if list != want {
		t.Errorf("TargetList =\n%s\nwant\n%s", list, want)
	}
}

func TestSlogTargets(t *testing.T) {
	ts := Targets(synthetic(t,
		"BenchmarkSlog/Disabled/TwoAttrs/scopelog-2 10 11 ns/op",
		"BenchmarkSlog/Disabled/TwoAttrs/slog-2 10 10 ns/op",
		"BenchmarkSlog/Enabled/TwoAttrs/scopelog-2 10 1300 ns/op",
		"BenchmarkSlog/Enabled/TwoAttrs/slog-2 10 1000 ns/op",
	))
	if got := find(t, ts, "Slog/Disabled/TwoAttrs: at most 1.10× slog.JSONHandler"); got.Status() != "met" || got.Measured != "1.10× (11.0 ns vs 10.0 ns)" {
		t.Errorf("disabled at the bound: %s %q, want met", got.Status(), got.Measured)
	}
	if got := find(t, ts, "Slog/Enabled/TwoAttrs: at most 1.20× slog.JSONHandler"); got.Status() != "missed" || got.Measured != "1.30× (1300 ns vs 1000 ns)" {
		t.Errorf("enabled over the bound: %s %q, want missed", got.Status(), got.Measured)
	}
}

func TestRecorderTargets(t *testing.T) {
	ts := Targets(synthetic(t,
		"BenchmarkRecorded/TwoFields/scopelog-2 10 400 ns/op 0 B/op 0 allocs/op",
		"BenchmarkRecorded/TwoFields/zap-2 10 1000 ns/op 128 B/op 1 allocs/op",
		"BenchmarkMemoryPerRecordedEntry-2 10 1000 ns/op 379.2 B/entry 654330 B/op 2127 allocs/op",
	))
	r := find(t, ts, "Recorded/TwoFields: at most 1.00× zap.Logger writing it")
	if !r.Met || r.Measured != "0.40× (400 ns vs 1000 ns)" || r.Context != "379 B of memory per recorded entry of two fields" {
		t.Errorf("ratio target = %+v", r)
	}
	a := find(t, ts, "Recorded/TwoFields: no more allocs/op than zap.Logger writing it")
	if !a.Met || a.Measured != "0 allocs/op vs 1 alloc/op" {
		t.Errorf("allocs target = %+v", a)
	}
	ts = Targets(synthetic(t,
		"BenchmarkRecorded/TwoFields/scopelog-2 10 1001 ns/op 0 B/op 2 allocs/op",
		"BenchmarkRecorded/TwoFields/zap-2 10 1000 ns/op 128 B/op 1 allocs/op",
	))
	if r := find(t, ts, "Recorded/TwoFields: at most 1.00× zap.Logger writing it"); r.Met {
		t.Errorf("1001 ns vs 1000 ns met: %+v", r)
	}
	if a := find(t, ts, "Recorded/TwoFields: no more allocs/op than zap.Logger writing it"); a.Met {
		t.Errorf("2 allocs vs 1 met: %+v", a)
	}
}

func TestCtxTargets(t *testing.T) {
	ts := Targets(synthetic(t,
		"BenchmarkCtx/Disabled/NoScopedRule/scopelog-2 10 12 ns/op 0 B/op 0 allocs/op",
		"BenchmarkCtx/Disabled/NoScopedRule/scopelog-plain-2 10 10 ns/op 0 B/op 0 allocs/op",
		"BenchmarkCtx/Disabled/NoScopedRule/scopelog-event-2 10 3 ns/op 0 B/op 0 allocs/op",
		"BenchmarkCtx/Disabled/NoScopedRule/zerolog-2 10 6 ns/op 0 B/op 0 allocs/op",
		"BenchmarkCtx/Disabled/OtherTenant/scopelog-2 10 30 ns/op 0 B/op 0 allocs/op",
		"BenchmarkCtx/Disabled/OtherTenant/scopelog-event-2 10 21 ns/op 0 B/op 0 allocs/op",
		"BenchmarkCtx/Disabled/OtherTenant/zerolog-2 10 20 ns/op 0 B/op 0 allocs/op",
		"BenchmarkCtx/Enabled/Matching/scopelog-2 10 1100 ns/op 0 B/op 0 allocs/op",
		"BenchmarkCtx/Enabled/Matching/scopelog-debug-2 10 1000 ns/op 0 B/op 0 allocs/op",
		"BenchmarkCtx/Enabled/Matching/scopelog-event-2 10 900 ns/op 0 B/op 1 allocs/op",
		"BenchmarkCtx/Enabled/Matching/scopelog-event-debug-2 10 1000 ns/op 0 B/op 0 allocs/op",
	))
	for _, c := range []struct{ goal, status, measured string }{
		{"Ctx/Disabled/NoScopedRule, event form: at most 0.50× zerolog's disabled chain", "met", "0.50× (3.00 ns vs 6.00 ns)"},
		{"Ctx/Disabled/NoScopedRule: at most 1.20× the same call on the Logger", "met", "1.20× (12.0 ns vs 10.0 ns)"},
		{"Ctx/Disabled/OtherTenant, event form: at most 1.00× zerolog.Ctx(ctx), its logger as deep in the context", "missed", "1.05× (21.0 ns vs 20.0 ns)"},
		{"Ctx/Enabled/Matching: at most 1.10× the same line at Debug, its scope a field", "met", "1.10× (1100 ns vs 1000 ns)"},
		{"Ctx/Enabled/Matching, event form: 0 allocs/op", "missed", "1 alloc/op"},
	} {
		if got := find(t, ts, c.goal); got.Status() != c.status || got.Measured != c.measured {
			t.Errorf("%s: %s %q, want %s %q", c.goal, got.Status(), got.Measured, c.status, c.measured)
		}
	}
	if got := find(t, ts, "Ctx/Disabled/OtherTenant, event form: at most 1.00× zerolog.Ctx(ctx), its logger as deep in the context"); got.Context != "the zap form, 30.0 ns" {
		t.Errorf("context %q", got.Context)
	}
}

func TestScopehttpTargets(t *testing.T) {
	ts := Targets(synthetic(t,
		"BenchmarkRequestRecorded/TwoFields/scopelog-2 10 400 ns/op 0 B/op 0 allocs/op",
		"BenchmarkRequestRecorded/TwoFields/scopelog-event-2 10 450 ns/op 0 B/op 1 allocs/op",
		"BenchmarkRequestRecorded/TwoFields/zap-2 10 1000 ns/op 128 B/op 1 allocs/op",
		"BenchmarkRequest/bare-2 10 10 ns/op 0 B/op 0 allocs/op",
		"BenchmarkRequest/scopelog-2 10 900 ns/op 900 B/op 9 allocs/op",
		"BenchmarkRequest/scopelog-recorder-2 10 2100 ns/op 1300 B/op 12 allocs/op",
	))
	if r := find(t, ts, "RequestRecorded/TwoFields: at most 1.00× zap.Logger writing it"); !r.Met || r.Measured != "0.40× (400 ns vs 1000 ns)" {
		t.Errorf("ratio target = %+v", r)
	}
	if a := find(t, ts, "RequestRecorded/TwoFields, event form: 0 allocs/op"); a.Met {
		t.Errorf("1 alloc met: %+v", a)
	}
	if r := find(t, ts, "Request, recorder on, no failure: at most 2000 ns more than the handler alone"); r.Met || r.Measured != "2090 ns more (2100 ns vs 10.0 ns)" {
		t.Errorf("request target = %+v", r)
	}
}
