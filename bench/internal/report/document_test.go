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
	rs := loadWide(t)
	tests := []struct {
		name  string
		table string
		rows  []string
	}{
		{"detail", DetailTable(rs), []string{
			"| Disabled/TwoFields | scopelog | 15.0 | 0.16× | 2.14× | 0 | 0 |",
			"| Disabled/TwoFields | scopelog-event | 1.33 | 0.014× | 0.19× | 0 | 0 |",
			"| Disabled/TwoFields | zap | 93.6 | 1.00× | 13.40× | 128 | 1 |",
			"| Disabled/TwoFields | zerolog | 6.99 | 0.075× | 1.00× | 0 | 0 |",
			"| Disabled/Guarded | phuslu | 1.71 | 0.18× | 0.52× | 0 | 0 |",
			"| Enabled/TwoFields | go-log | 2870 | 2.63× | 17.46× | 536 | 4 |",
			"| Parallel Disabled/TwoFields, -cpu 1 | go-log | 46.7 | 0.52× | 9.21× | 16 | 1 |",
		}},
		{"summary", SummaryTable(rs), []string{
			"| scenario | scopelog | scopelog-event | zap | zap-atomic | zap-sugar | slog | go-log | zerolog | phuslu |",
			"| Disabled/Guarded | 2.07 ns · 0.22× zap · 0.63× zerolog · 0 allocs | 0.43 ns · 0.046× zap · 0.13× zerolog · 0 allocs | 9.36 ns · 1.00× zap · 2.84× zerolog · 0 allocs | | | 6.98 ns · 0.75× zap · 2.12× zerolog · 0 allocs | | 3.29 ns · 0.35× zap · 1.00× zerolog · 0 allocs | 1.71 ns · 0.18× zap · 0.52× zerolog · 0 allocs |",
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
	if strings.Count(detail, "\n") != 3 || !strings.Contains(detail, "| Disabled/NoFields | scopelog | 0.50 | — | — | 0 | 0 |") {
		t.Errorf("detail table without zap:\n%s", detail)
	}
	summary := SummaryTable(rs)
	checkTable(t, summary)
	// A column only for the libraries measured.
	if !strings.HasPrefix(summary, "| scenario | scopelog |\n") || !strings.Contains(summary, "| Disabled/NoFields | 0.50 ns · 0 allocs |\n| Disabled/TwoFields | |\n") {
		t.Errorf("summary of scopelog alone:\n%s", summary)
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
		"](overhead.svg)\n",
		"```\nBenchmarkX-2 1 1 ns/op\n```\n",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("RESULTS.md lacks %q:\n%s", want, doc)
		}
	}
	section := ReadmeSection(loadSample(t), sampleRun())
	for _, want := range []string{"go1.26.8 on AMD EPYC, 2 cores, linux/amd64, 2026-11-24", "median of 2 runs", "11 of 48 performance targets met; bench/RESULTS.md says what bounds the others:\n\n- missed: Disabled/Guarded: at most 2.00× Baseline/AtomicLoad — measured 2.93× (2.07 ns vs 0.71 ns)\n- missed: Parallel Disabled/TwoFields", "- not measured: Disabled/TwoFields, event form: at most 0.50× zerolog\n", "![Median ns/op per library", "](bench/overhead.svg)\n"} {
		if !strings.Contains(section, want) {
			t.Errorf("README section lacks %q:\n%s", want, section)
		}
	}
	if strings.Contains(section, "BenchmarkX-2") {
		t.Error("README section carries the raw output")
	}
	// README.md is a front door: its tables stay in RESULTS.md.
	if strings.Contains(section, "| Disabled/TwoFields |") || strings.Contains(section, "| measurement |") {
		t.Errorf("README section carries a table:\n%s", section)
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

// The README's paragraph gives each form's figure beside its peer's, and
// leaves out what the run lacks.
func TestHeadline(t *testing.T) {
	h := Headline(loadSample(t))
	for _, want := range []string{"15.0 ns in the zap form (0.16× zap.Logger's 93.6 ns)", "1040 ns (0.95× zap.Logger's 1090 ns)"} {
		if !strings.Contains(h, want) {
			t.Errorf("headline lacks %q: %s", want, h)
		}
	}
	if strings.Contains(h, "event form") {
		t.Errorf("headline gives the event form, which the sample lacks: %s", h)
	}
	if h := Headline(&Results{}); h != "" {
		t.Errorf("headline of an empty run: %q", h)
	}
}
