package report

import (
	"io"
	"os"
	"strings"
	"testing"
)

// loadWide parses testdata/sample.txt followed by testdata/sample-event.txt:
// a real run of the six libraries of issue 5 and then a real run of the
// event form, zerolog and phuslu/log, as the report sees concatenated
// outputs.
func loadWide(t *testing.T) *Results {
	t.Helper()
	var readers []io.Reader
	for _, name := range []string{"testdata/sample.txt", "testdata/sample-event.txt"} {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		readers = append(readers, f)
	}
	rs, err := Parse(io.MultiReader(readers...))
	if err != nil {
		t.Fatalf("Parse(wide sample): %v", err)
	}
	return rs
}

func TestEventTargetsOnWideSample(t *testing.T) {
	ts := Targets(loadWide(t))
	want := []struct {
		goal, status, measured string
	}{
		{"Disabled/TwoFields, event form: 0 allocs/op", "met", "0 allocs/op"},
		{"Disabled/TwoFields, event form: at most 0.50× zerolog", "met", "0.19× (1.33 ns vs 6.99 ns)"},
		{"Enabled/TwoFields, event form: 0 allocs/op", "met", "0 allocs/op"},
		{"Enabled/TwoFields, event form: at most 1.00× zap.Logger", "met", "0.36× (389 ns vs 1090 ns)"},
		{"Parallel Disabled/TwoFields, event form: ns/op at -cpu 2 no worse than at -cpu 1", "met", "0.84× (0.75 ns at -cpu 2, 0.90 ns at -cpu 1)"},
	}
	for _, w := range want {
		got := find(t, ts, w.goal)
		if got.Status() != w.status || got.Measured != w.measured {
			t.Errorf("%s: %s %q, want %s %q", w.goal, got.Status(), got.Measured, w.status, w.measured)
		}
	}
	if c := find(t, ts, want[1].goal).Context; c != "the zap form, which builds its two zap.Fields before the call, 15.0 ns" {
		t.Errorf("context = %q", c)
	}
}

func TestEventTargetBounds(t *testing.T) {
	ts := Targets(synthetic(t,
		"BenchmarkDisabled/TwoFields/scopelog-event-2 10 2 ns/op 0 B/op 0 allocs/op",
		"BenchmarkDisabled/TwoFields/zerolog-2 10 4 ns/op 0 B/op 0 allocs/op",
		"BenchmarkEnabled/TwoFields/scopelog-event-2 10 501 ns/op 24 B/op 1 allocs/op",
		"BenchmarkEnabled/TwoFields/zap-2 10 500 ns/op 128 B/op 1 allocs/op",
	))
	for goal, status := range map[string]string{
		"Disabled/TwoFields, event form: at most 0.50× zerolog":                            "met",
		"Enabled/TwoFields, event form: at most 1.00× zap.Logger":                          "missed",
		"Enabled/TwoFields, event form: 0 allocs/op":                                       "missed",
		"Parallel Disabled/TwoFields, event form: ns/op at -cpu 2 no worse than at -cpu 1": "not measured",
	} {
		if got := find(t, ts, goal); got.Status() != status {
			t.Errorf("%s: %s (%s), want %s", goal, got.Status(), got.Measured, status)
		}
	}
}

func TestEnabledNote(t *testing.T) {
	note := EnabledNote(loadWide(t))
	for _, want := range []string{
		"164 ns for zerolog, 118 ns for phuslu/log, against 1090 ns for zap.Logger, 1040 ns for scopelog, 389 ns for scopelog's event form",
		"The fastest zap-based call, scopelog's event form, takes 2.4× zerolog's and 3.3× phuslu/log's time.",
		"zap's JSON encoder",
	} {
		if !strings.Contains(note, want) {
			t.Errorf("note lacks %q:\n%s", want, note)
		}
	}
	if n := EnabledNote(loadSample(t)); n != "" {
		t.Errorf("a run without zerolog or phuslu/log gets a note: %s", n)
	}
	if doc := Document(loadWide(t), sampleRun()); !strings.Contains(doc, "## Enabled calls: zerolog and phuslu/log are faster\n\n"+note+"\n") {
		t.Error("RESULTS.md lacks the note")
	}
}
