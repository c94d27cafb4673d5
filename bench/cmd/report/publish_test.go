package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/scopelog/scopelog/bench/internal/report"
)

// tree lays out a repository in a temporary directory: README.md at its
// root, RESULTS.md in bench/. It returns the bench directory.
func tree(t *testing.T, readme, results string) string {
	t.Helper()
	root := t.TempDir()
	bench := filepath.Join(root, "bench")
	if err := os.Mkdir(bench, 0o755); err != nil {
		t.Fatal(err)
	}
	for path, data := range map[string]string{filepath.Join(root, "README.md"): readme, filepath.Join(bench, "RESULTS.md"): results} {
		if data == "" {
			continue
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return bench
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func sampleResults(t *testing.T) (*report.Results, report.Run) {
	t.Helper()
	rs, err := report.Parse(strings.NewReader(strings.Join([]string{
		"BenchmarkDisabled/TwoFields/scopelog-event-2 10 1.2 ns/op 0 B/op 0 allocs/op",
		"BenchmarkDisabled/TwoFields/zerolog-2 10 6.9 ns/op 0 B/op 0 allocs/op",
		"BenchmarkEnabled/TwoFields/zap-2 10 400 ns/op 128 B/op 1 allocs/op",
	}, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	return rs, report.Run{Date: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC), GoVersion: "go1.26.8", CPU: "AMD EPYC", Cores: 2, OS: "linux", Arch: "amd64", Count: 1, OthersCPU: -1}
}

// The fleet blocks that bench/cmd/fleet wrote into RESULTS.md and into the
// README's generated section come out of a regeneration byte for byte, and
// the chart is written beside RESULTS.md.
func TestPublishCarriesTheFleetBlocks(t *testing.T) {
	resultsBlock := report.FleetBegin + "\n## Fleet: the same instant on every replica\n\n| p50 | p99 |\n|--:|--:|\n| 101 ms | 104 ms |\n" + report.FleetEnd
	readmeBlock := report.FleetBegin + "\n### The same instant on every replica\n\n20 processes …\n" + report.FleetEnd
	readme := "# scopelog\n\n## Performance\n\n" + report.StartMarker + "\nold tables\n\n" + readmeBlock + "\n" + report.EndMarker + "\n\n## Development\n"
	bench := tree(t, readme, "# Benchmark results\n\nold\n\n"+resultsBlock+"\n")

	c, err := readCarried(bench, true)
	if err != nil {
		t.Fatal(err)
	}
	rs, run := sampleResults(t)
	if err := publish(bench, rs, run, true, c); err != nil {
		t.Fatal(err)
	}

	results := read(t, filepath.Join(bench, "RESULTS.md"))
	if strings.Count(results, resultsBlock) != 1 || strings.Contains(results, "\nold\n") {
		t.Errorf("RESULTS.md:\n%s", results)
	}
	newReadme := read(t, filepath.Join(bench, "..", "README.md"))
	if strings.Count(newReadme, readmeBlock) != 1 || strings.Contains(newReadme, "old tables") ||
		!strings.HasPrefix(newReadme, "# scopelog\n\n## Performance\n\n"+report.StartMarker+"\n") ||
		!strings.HasSuffix(newReadme, readmeBlock+"\n"+report.EndMarker+"\n\n## Development\n") {
		t.Errorf("README.md:\n%s", newReadme)
	}
	if !strings.Contains(newReadme, "![") || !strings.Contains(newReadme, "](bench/overhead.svg)") {
		t.Errorf("README section does not embed the chart:\n%s", newReadme)
	}
	if svg := read(t, filepath.Join(bench, "overhead.svg")); !strings.HasPrefix(svg, "<svg ") || !strings.Contains(svg, `data-library="scopelog-event"`) {
		t.Errorf("overhead.svg:\n%s", svg)
	}

	// Publishing again keeps everything as it is: the block does not move
	// or multiply.
	c, err = readCarried(bench, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := publish(bench, rs, run, true, c); err != nil {
		t.Fatal(err)
	}
	if again := read(t, filepath.Join(bench, "RESULTS.md")); again != results {
		t.Error("a second publish changed RESULTS.md")
	}
	if again := read(t, filepath.Join(bench, "..", "README.md")); again != newReadme {
		t.Error("a second publish changed README.md")
	}
}

func TestReadCarried(t *testing.T) {
	// Nothing to carry: no files, or files without blocks.
	for name, bench := range map[string]string{
		"no files":    tree(t, "", ""),
		"no blocks":   tree(t, "# x\n"+report.StartMarker+"\n"+report.EndMarker+"\n", "# results\n"),
		"no section":  tree(t, "# x\n", "# results\n"),
		"block apart": tree(t, report.FleetBegin+"\nx\n"+report.FleetEnd+"\n"+report.StartMarker+"\n"+report.EndMarker+"\n", ""),
	} {
		c, err := readCarried(bench, true)
		if err != nil || c != (carried{}) {
			t.Errorf("%s: %+v, %v; want nothing carried", name, c, err)
		}
	}
	// A half block stops the report before its run rather than losing it.
	bench := tree(t, "", "# results\n"+report.FleetBegin+"\nhalf\n")
	if _, err := readCarried(bench, false); err == nil || !strings.Contains(err.Error(), "RESULTS.md: report: ") {
		t.Errorf("half a block in RESULTS.md: %v", err)
	}
	bench = tree(t, report.StartMarker+"\n"+report.FleetEnd+"\n"+report.EndMarker+"\n", "")
	if _, err := readCarried(bench, true); err == nil || !strings.Contains(err.Error(), "README.md: report: ") {
		t.Errorf("half a block in the README section: %v", err)
	}
	if _, err := readCarried(bench, false); err != nil {
		t.Errorf("with -readme=false the README is not read: %v", err)
	}
}
