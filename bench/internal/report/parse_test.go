package report

import (
	"math"
	"os"
	"strings"
	"testing"
)

// loadSample parses testdata/sample.txt: the real output of both go test
// invocations of the report (-count 2 -benchtime 100ms), concatenated.
func loadSample(t *testing.T) *Results {
	t.Helper()
	f, err := os.Open("testdata/sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rs, err := Parse(f)
	if err != nil {
		t.Fatalf("Parse(sample): %v", err)
	}
	return rs
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9*math.Max(1, math.Abs(b)) }

func TestParseSample(t *testing.T) {
	rs := loadSample(t)
	if rs.Config["cpu"] != "AMD EPYC" || rs.Config["goos"] != "linux" || rs.Config["goarch"] != "amd64" {
		t.Errorf("Config = %v", rs.Config)
	}
	// 34 benchmarks in the main invocation, 4 libraries × 2 -cpu values in
	// the parallel one.
	if got := len(rs.Keys()); got != 34+8 {
		t.Errorf("%d benchmarks, want 42: %v", got, rs.Keys())
	}
	tests := []struct {
		name  string
		procs int
		unit  string
		want  float64
	}{
		{"BenchmarkDisabled/TwoFields/scopelog", 0, "ns/op", (15.15 + 14.77) / 2},
		{"BenchmarkDisabled/TwoFields/scopelog", 2, "allocs/op", 0},
		{"BenchmarkDisabled/TwoFields/zap", 0, "B/op", 128},
		// At -cpu 1 go test prints no suffix; a library named "go-log"
		// must not be taken for one.
		{"BenchmarkParallelDisabled/TwoFields/go-log", 1, "ns/op", (40.79 + 52.60) / 2},
		{"BenchmarkParallelDisabled/TwoFields/go-log", 2, "ns/op", (55.88 + 56.03) / 2},
		{"BenchmarkSignalToApplied", 0, "p99-ms", (3.994 + 4.117) / 2},
		{"BenchmarkSaveToApplied/debounce=10ms", 2, "p50-ms", (10.95 + 10.97) / 2},
		{"BenchmarkMemoryPerComponent", 0, "B/component", 279.7},
	}
	for _, tt := range tests {
		r := rs.Lookup(tt.name, tt.procs)
		got, ok := r.Median(tt.unit)
		if !ok || !near(got, tt.want) {
			t.Errorf("Lookup(%q, %d).Median(%q) = %v, %v; want %v", tt.name, tt.procs, tt.unit, got, ok, tt.want)
		}
		if r.Runs(tt.unit) != 2 {
			t.Errorf("%s: %d runs of %s, want 2", tt.name, r.Runs(tt.unit), tt.unit)
		}
	}
	if lo, hi, ok := rs.Lookup("BenchmarkDisabled/TwoFields/zap", 0).Range("ns/op"); !ok || lo != 88.27 || hi != 98.99 {
		t.Errorf("Range = %v, %v, %v; want 88.27, 98.99", lo, hi, ok)
	}
	if _, _, ok := rs.Lookup("BenchmarkNope", 0).Range("ns/op"); ok {
		t.Error("a missing benchmark has a range")
	}
	if r := rs.Lookup("BenchmarkDisabled/TwoFields/scopelog", 0); r.Procs != 2 {
		t.Errorf("procs = %d, want 2", r.Procs)
	}
	if r := rs.Lookup("BenchmarkDisabled/TwoFields/scopelog", 1); r != nil {
		t.Errorf("found a -cpu 1 result that the sample lacks: %+v", r.Key)
	}
	if _, ok := rs.Lookup("BenchmarkNope", 0).Median("ns/op"); ok {
		t.Error("a missing benchmark has a median")
	}
	if _, ok := rs.Lookup("BenchmarkMemoryPerComponent", 0).Median("p50-ms"); ok {
		t.Error("a missing unit has a median")
	}
}

func TestParseMedianOfOddCount(t *testing.T) {
	rs, err := Parse(strings.NewReader(
		"BenchmarkX-4\t10\t30 ns/op\n" +
			"BenchmarkX-4\t10\t10 ns/op\n" +
			"BenchmarkX-4\t10\t20 ns/op\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := rs.Lookup("BenchmarkX", 4).Median("ns/op"); got != 20 {
		t.Fatalf("median = %v, want 20", got)
	}
}

func TestParseSkipsWhatIsNotAResult(t *testing.T) {
	in := strings.Join([]string{
		"goos: linux",
		"BenchmarkOnlyAName",
		"BenchmarkDisabled/NoFields/scopelog",
		"    disabled_test.go:12: a log line: with a colon",
		"--- FAIL: BenchmarkBroken",
		"Some Key: not a config line",
		"BenchmarkY 5 2 ns/op",
		"PASS",
		"ok  \tgithub.com/scopelog/scopelog/bench\t1.0s",
	}, "\n")
	rs, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if keys := rs.Keys(); len(keys) != 1 || keys[0] != (Key{"BenchmarkY", 1}) {
		t.Errorf("keys = %v, want only BenchmarkY at 1", keys)
	}
	if _, ok := rs.Config["Some Key"]; ok || len(rs.Config) != 1 {
		t.Errorf("Config = %v, want only goos", rs.Config)
	}
}

func TestParseRejectsMalformedResults(t *testing.T) {
	for _, in := range []string{
		"goos: linux\nBenchmarkX-2\t10\tabc ns/op\n",
		"goos: linux\nBenchmarkX-2\t10\t12 ns/op\t7\n",
	} {
		_, err := Parse(strings.NewReader(in))
		if err == nil || !strings.Contains(err.Error(), "line 2") || !strings.HasPrefix(err.Error(), "report: ") {
			t.Errorf("Parse(%q) = %v, want an error at line 2", in, err)
		}
	}
}

func TestSplitProcs(t *testing.T) {
	for in, want := range map[string]Key{
		"BenchmarkA-2":                      {"BenchmarkA", 2},
		"BenchmarkA":                        {"BenchmarkA", 1},
		"BenchmarkA/go-log":                 {"BenchmarkA/go-log", 1},
		"BenchmarkA/go-log-16":              {"BenchmarkA/go-log", 16},
		"BenchmarkSave/debounce=10ms-2":     {"BenchmarkSave/debounce=10ms", 2},
		"BenchmarkReload/1k-rules-10k-kept": {"BenchmarkReload/1k-rules-10k-kept", 1},
		"BenchmarkA-0":                      {"BenchmarkA-0", 1},
	} {
		if got := splitProcs(in); got != want {
			t.Errorf("splitProcs(%q) = %v, want %v", in, got, want)
		}
	}
}
