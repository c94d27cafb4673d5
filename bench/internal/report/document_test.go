package report

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// checkTable fails unless every line of a markdown table has as many cells
// as its header.
func checkTable(t *testing.T, table string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(table, "\n"), "\n")
	if len(lines) < 3 {
		t.Fatalf("table has %d lines:\n%s", len(lines), table)
	}
	cells := strings.Count(lines[0], "|")
	for _, l := range lines {
		if strings.Count(l, "|") != cells {
			t.Errorf("line %q has %d bars, the header %d", l, strings.Count(l, "|"), cells)
		}
	}
}

func TestTablesOnSample(t *testing.T) {
	rs := loadSample(t)
	tests := []struct {
		name  string
		table string
		rows  []string
	}{
		{"detail", DetailTable(rs), []string{
			"| Disabled/TwoFields | scopelog | 15.0 | 0.16× | 0 | 0 |",
			"| Disabled/TwoFields | zap | 93.6 | 1.00× | 128 | 1 |",
			"| Enabled/TwoFields | go-log | 2870 | 2.63× | 536 | 4 |",
			"| Parallel Disabled/TwoFields, -cpu 1 | go-log | 46.7 | 0.52× | 16 | 1 |",
		}},
		{"summary", SummaryTable(rs), []string{
			"| scenario | scopelog | zap | zap-atomic | zap-sugar | slog | go-log |",
			"| Disabled/AccumulatedContext | 0.82 ns · 0.072× · 0 allocs | 11.3 ns · 1.00× · 0 allocs | | | 13.1 ns · 1.16× · 0 allocs | 9.30 ns · 0.82× · 0 allocs |",
			"| Enabled/TwoFields | 1040 ns · 0.95× · 0 allocs | 1090 ns · 1.00× · 1 alloc | | 1720 ns · 1.58× · 2 allocs | 1834 ns · 1.68× · 0 allocs | 2870 ns · 2.63× · 4 allocs |",
		}},
		{"baseline", BaselineTable(rs), []string{
			"| AtomicLoad | 0.71 | one atomic load and compare: the floor of a disabled call |",
		}},
		{"registry", RegistryTable(rs), []string{
			"| Component(name) of a registered name, among 10,000 | 23.7 ns |",
			"| Reload, 1,000 rules × 10,000 components, no level changes | 2.33 ms |",
			"| Reload, 1,000 rules × 10,000 components, all 10,000 levels change | 9.22 ms |",
			"| SIGUSR1 → level applied | p50 0.166 ms, p99 4.06 ms |",
			"| file saved → level applied (watcher, debounce 100ms) | p50 100.8 ms, p99 100.8 ms |",
			"| heap per registered component | 280 B |",
		}},
	}
	for _, tt := range tests {
		checkTable(t, tt.table)
		for _, row := range tt.rows {
			if !strings.Contains(tt.table, row+"\n") {
				t.Errorf("%s table lacks row\n%s\nin\n%s", tt.name, row, tt.table)
			}
		}
	}
}

func TestTablesSkipWhatIsMissing(t *testing.T) {
	rs := synthetic(t, "BenchmarkDisabled/NoFields/scopelog-2 10 0.5 ns/op 0 B/op 0 allocs/op")
	detail := DetailTable(rs)
	if strings.Count(detail, "\n") != 3 || !strings.Contains(detail, "| Disabled/NoFields | scopelog | 0.50 | — | 0 | 0 |") {
		t.Errorf("detail table without zap:\n%s", detail)
	}
	summary := SummaryTable(rs)
	checkTable(t, summary)
	if !strings.Contains(summary, "| Disabled/NoFields | 0.50 ns · 0 allocs | | | | | |") {
		t.Errorf("summary without zap:\n%s", summary)
	}
	if r := RegistryTable(rs); strings.Count(r, "\n") != 2 {
		t.Errorf("registry table of a run without registry benchmarks:\n%s", r)
	}
}

func sampleRun() Run {
	return Run{
		Date:      time.Date(2026, 11, 24, 18, 30, 0, 0, time.UTC),
		GoVersion: "go1.26.8",
		CPU:       "AMD EPYC",
		Cores:     2,
		OS:        "linux",
		Arch:      "amd64",
		LoadAvg:   "0.50 0.40 0.30",
		OthersCPU: 0.042,
		Commands:  []string{"go test -run '^$' -bench . ."},
		Count:     2,
		Raw:       "BenchmarkX-2 1 1 ns/op\n",
	}
}

func TestDocument(t *testing.T) {
	doc := Document(loadSample(t), sampleRun())
	for _, want := range []string{
		"- Date: 2026-11-24 18:30 UTC\n",
		"- Machine: AMD EPYC, 2 cores, linux/amd64\n",
		"- Load: load average before the run 0.50 0.40 0.30; other processes used 4% of one core during it\n",
		"- Go: go1.26.8\n",
		"- Command: `go test -run '^$' -bench . .`\n",
		"- Rounds: 2 rounds of the whole suite (the runs of the test binary above, in turn), so every benchmark ran 2 times. ",
		"## Summary\n", "## Targets\n", "## Loggers side by side\n", "## Baselines\n", "## Registry and reload\n",
		"- **missed**: Disabled/Guarded",
		"```\nBenchmarkX-2 1 1 ns/op\n```\n",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("RESULTS.md lacks %q:\n%s", want, doc)
		}
	}
	section := ReadmeSection(loadSample(t), sampleRun())
	for _, want := range []string{"go1.26.8 on AMD EPYC, 2 cores, linux/amd64, 2026-11-24", "median of 2 runs", "10 of 14 performance targets met; bench/RESULTS.md says what bounds the others:\n\n- missed: Disabled/Guarded: at most 2.00× Baseline/AtomicLoad — measured 2.93× (2.07 ns vs 0.71 ns)\n- missed: Parallel Disabled/TwoFields", "| Disabled/TwoFields |"} {
		if !strings.Contains(section, want) {
			t.Errorf("README section lacks %q:\n%s", want, section)
		}
	}
	if strings.Contains(section, "BenchmarkX-2") {
		t.Error("README section carries the raw output")
	}
	run := sampleRun()
	run.LoadAvg, run.OthersCPU = "", -1
	if doc := Document(loadSample(t), run); strings.Contains(doc, "- Load:") || strings.Contains(doc, "busy") {
		t.Error("RESULTS.md states a load it does not know")
	}
	if strings.Contains(Document(loadSample(t), sampleRun()), "busy") {
		t.Error("a run with 4% of a core taken by others is flagged as busy")
	}
	run.OthersCPU = 0.35
	if doc := Document(loadSample(t), run); !strings.Contains(doc, "**The machine was busy**: other processes used 35% of one core") {
		t.Error("a busy run is not flagged")
	}
}

func TestReplaceSection(t *testing.T) {
	doc := "# scopelog\n\n## Performance\n\n" + StartMarker + "\nold table\n" + EndMarker + "\n\n## License\n"
	got, err := ReplaceSection(doc, "new table\n")
	if err != nil {
		t.Fatal(err)
	}
	want := "# scopelog\n\n## Performance\n\n" + StartMarker + "\nnew table\n" + EndMarker + "\n\n## License\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	again, err := ReplaceSection(got, "new table\n")
	if err != nil || again != got {
		t.Errorf("a second run changed the document: %v\n%s", err, again)
	}
	empty := StartMarker + EndMarker
	if got, err := ReplaceSection(empty, "x"); err != nil || got != StartMarker+"\nx\n"+EndMarker {
		t.Errorf("adjacent markers: %q, %v", got, err)
	}

	for name, bad := range map[string]string{
		"no markers":  "# scopelog\n",
		"start only":  StartMarker + "\n",
		"end only":    EndMarker + "\n",
		"reversed":    EndMarker + "\n" + StartMarker + "\n",
		"two starts":  StartMarker + StartMarker + EndMarker,
		"two ends":    StartMarker + EndMarker + EndMarker,
		"empty input": "",
	} {
		_, err := ReplaceSection(bad, "x")
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		missing := name == "no markers" || name == "start only" || name == "end only" || name == "empty input"
		if errors.Is(err, ErrNoMarkers) != missing || !strings.HasPrefix(err.Error(), "report: ") {
			t.Errorf("%s: %v", name, err)
		}
	}
}
