// Command report runs the benchmarks of the bench module and publishes their
// results: it prints a markdown report, writes bench/RESULTS.md and the chart
// bench/overhead.svg, and rewrites the generated section of the repository's
// README.md.
//
// RESULTS.md and the README section may hold a block between
// <!-- fleet:begin --> and <!-- fleet:end -->, written by bench/cmd/fleet
// from a run of its own: the report carries it over verbatim.
//
// Run it from the bench directory:
//
//	go run ./cmd/report                 # the full run, -count 6: about 15 minutes
//	go run ./cmd/report -quick          # a smoke run: every benchmark once; rewrites nothing
//	go run ./cmd/report -readme=false   # leave README.md alone
//
// It says up front what it will rewrite and about how long it takes.
//
// The flags are:
//
//	-count n       runs of each benchmark (default 6), in n rounds of the whole
//	               suite; the report uses medians
//	-benchtime d   passed to go test -benchtime (default go test's own, 1s)
//	-quick         -count 1 -benchtime 1x, print only: for checking that it all works
//	-readme        rewrite the section between <!-- bench:start --> and
//	               <!-- bench:end --> in ../README.md (default true)
//
// The raw go test output of a full run is kept in bench/bench.out, for
// benchstat; -quick writes no file at all.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/scopelog/scopelog/bench/internal/report"
)

type options struct {
	count     int
	benchtime string
	quick     bool
	readme    bool
}

func main() {
	var o options
	flag.IntVar(&o.count, "count", 6, "runs of each benchmark, in as many rounds of the suite; the report uses medians")
	flag.StringVar(&o.benchtime, "benchtime", "", "go test -benchtime (default: go test's own)")
	flag.BoolVar(&o.quick, "quick", false, "smoke run: -count 1 -benchtime 1x unless set, print only, write no file")
	flag.BoolVar(&o.readme, "readme", true, "rewrite the generated section of ../README.md")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "report: unexpected arguments %q\n", flag.Args())
		flag.Usage()
		os.Exit(2)
	}
	if o.quick {
		set := map[string]bool{}
		flag.Visit(func(f *flag.Flag) { set[f.Name] = true })
		if !set["count"] {
			o.count = 1
		}
		if !set["benchtime"] {
			o.benchtime = "1x"
		}
	}
	if o.count < 1 {
		fmt.Fprintln(os.Stderr, "report: -count must be at least 1")
		os.Exit(2)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

// minutesPerRound is about how long one round of the suite takes on the
// machine of the published figures.
const minutesPerRound = 2.5

// plan says what a run will do and rewrite, and about how long it takes.
func plan(o options) string {
	if o.quick {
		return "report: -quick: every benchmark once, a minute or two; prints the report and rewrites nothing"
	}
	files := "bench/RESULTS.md, bench/overhead.svg and the figures of README.md's benchmark section"
	if !o.readme {
		files = "bench/RESULTS.md and bench/overhead.svg (README.md is left alone)"
	}
	return fmt.Sprintf("report: %d rounds of the whole suite, about %.0f minutes; then rewrites %s. Stop now (Ctrl-C) to keep them; -quick is a smaller run that rewrites nothing",
		o.count, minutesPerRound*float64(o.count), files)
}

func run(o options) error {
	fmt.Fprintln(os.Stderr, plan(o))
	dir, err := benchDir()
	if err != nil {
		return err
	}
	goVersion, err := goOutput(dir, "env", "GOVERSION")
	if err != nil {
		return err
	}
	// Read what must survive the rewrite before spending minutes on the
	// run: a malformed block stops the report here.
	carried, err := readCarried(dir, o.readme && !o.quick)
	if err != nil {
		return err
	}
	info := report.Run{
		Date:      time.Now(),
		GoVersion: goVersion,
		Cores:     runtime.NumCPU(),
		LoadAvg:   loadAverage(),
		OthersCPU: -1,
		Count:     o.count,
	}

	tmp, err := os.MkdirTemp("", "scopelog-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	// One test binary serves every round, so that all rounds measure the
	// same code.
	bin := filepath.Join(tmp, "bench.test")
	build := []string{"go", "test", "-c", "-o", bin, "."}
	fmt.Fprintf(os.Stderr, "$ %s\n", shellQuote(build))
	if err := runCmd(dir, build, os.Stderr, nil); err != nil {
		return err
	}
	info.Commands = append(info.Commands, "go test -c -o bench.test .")

	// The parallel benchmarks run apart, at -cpu 1 and 2; everything else
	// at the default GOMAXPROCS.
	common := []string{"-test.run", "^$", "-test.benchmem", "-test.count", "1", "-test.timeout", "0"}
	if o.benchtime != "" {
		common = append(common, "-test.benchtime", o.benchtime)
	}
	invocations := [][]string{
		append([]string{"-test.bench", ".", "-test.skip", "^BenchmarkParallel"}, common...),
		append([]string{"-test.bench", "^BenchmarkParallel", "-test.cpu", "1,2"}, common...),
	}
	for _, args := range invocations {
		info.Commands = append(info.Commands, shellQuote(append([]string{"./bench.test"}, args...)))
	}

	// The suite runs in rounds of one run of each benchmark, rather than
	// with -count n, which runs each benchmark n times in a row: that way a
	// passing disturbance of the machine spreads over every library instead
	// of falling on the runs of one, and the ratios stay fair.
	var raw bytes.Buffer
	meter := startOthersMeter()
	for round := 1; round <= o.count; round++ {
		for _, args := range invocations {
			line := shellQuote(append([]string{"./bench.test"}, args...))
			fmt.Fprintf(os.Stderr, "round %d of %d: %s\n", round, o.count, line)
			err := runCmd(dir, append([]string{bin}, args...), io.MultiWriter(&raw, os.Stderr), meter)
			if o.quick {
				if err != nil {
					return fmt.Errorf("round %d: %w", round, err)
				}
				continue
			}
			if werr := os.WriteFile(filepath.Join(dir, "bench.out"), raw.Bytes(), 0o644); werr != nil {
				return werr
			}
			if err != nil {
				return fmt.Errorf("round %d: %w (output so far in bench.out)", round, err)
			}
		}
	}
	info.Raw = raw.String()
	info.OthersCPU = meter.share()

	rs, err := report.Parse(bytes.NewReader(raw.Bytes()))
	if err != nil {
		return err
	}
	info.OS, info.Arch = rs.Config["goos"], rs.Config["goarch"]
	info.CPU = cpuModel(rs.Config["cpu"])

	if info.Busy() {
		fmt.Fprintf(os.Stderr, "report: warning: other processes used %.0f%% of one core during the run; the figures may be disturbed\n", 100*info.OthersCPU)
	}
	printed := info
	printed.Raw = ""
	fmt.Println(report.Document(rs, printed))

	if o.quick {
		fmt.Fprintln(os.Stderr, "report: -quick: the figures of a smoke run mean nothing; RESULTS.md, overhead.svg and README.md left alone")
		return nil
	}
	return publish(dir, rs, info, o.readme, carried)
}

// carried holds the fleet blocks of RESULTS.md and of the README's
// generated section, to be written back verbatim.
type carried struct {
	results, readme string
}

// readCarried reads the fleet blocks of dir/RESULTS.md and, with readme, of
// the generated section of dir/../README.md. A missing file, or a README
// without the section, has none.
func readCarried(dir string, readme bool) (carried, error) {
	var c carried
	doc, err := os.ReadFile(filepath.Join(dir, "RESULTS.md"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return c, err
	}
	if c.results, err = report.FleetBlock(string(doc)); err != nil {
		return c, fmt.Errorf("RESULTS.md: %w", err)
	}
	if !readme {
		return c, nil
	}
	path := filepath.Join(dir, "..", "README.md")
	doc, err = os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	section, err := report.Section(string(doc))
	if err != nil {
		// updateReadme notes it and leaves the README alone.
		return c, nil
	}
	if c.readme, err = report.FleetBlock(section); err != nil {
		return c, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// publish writes RESULTS.md and the chart into dir and, with readme, the
// generated section of dir/../README.md, carrying over the fleet blocks.
func publish(dir string, rs *report.Results, info report.Run, readme bool, c carried) error {
	results := filepath.Join(dir, "RESULTS.md")
	if err := os.WriteFile(results, []byte(report.CarryFleet(report.Document(rs, info), c.results)), 0o644); err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "report: wrote", results)
	chart := filepath.Join(dir, report.ChartFile)
	if err := os.WriteFile(chart, []byte(report.Chart(rs, info)), 0o644); err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "report: wrote", chart)
	if readme {
		updateReadme(filepath.Join(dir, "..", "README.md"), report.CarryFleet(report.ReadmeSection(rs, info), c.readme))
	}
	return nil
}

// runCmd runs argv in dir, its standard output to stdout and its standard
// error to ours, and counts its processor time in meter if not nil.
func runCmd(dir string, argv []string, stdout io.Writer, meter *othersMeter) error {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Stdout = stdout
	cmd.Stderr = os.Stderr
	err := cmd.Run()
	if meter != nil {
		meter.add(cmd.ProcessState)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", shellQuote(argv), err)
	}
	return nil
}

// updateReadme rewrites the generated section of the README at path. A
// missing README, or one without the markers, is left alone with a note:
// the section is opt-in.
func updateReadme(path, section string) {
	doc, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(os.Stderr, "report: note: %s does not exist; no README section written\n", path)
		return
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "report: note: %v; no README section written\n", err)
		return
	}
	out, err := report.ReplaceSection(string(doc), section)
	if err != nil {
		fmt.Fprintf(os.Stderr, "report: note: %s: %v; no README section written\n", path, err)
		return
	}
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "report: note: %v\n", err)
		return
	}
	fmt.Fprintln(os.Stderr, "report: updated the benchmark section of", path)
}

// benchDir returns the directory of the bench module, which must be the
// current module.
func benchDir() (string, error) {
	gomod, err := goOutput("", "env", "GOMOD")
	if err != nil {
		return "", err
	}
	dir := filepath.Dir(gomod)
	data, err := os.ReadFile(gomod)
	if err != nil || !bytes.Contains(data, []byte("module github.com/scopelog/scopelog/bench\n")) {
		return "", fmt.Errorf("run me from the bench directory (the current module is %q)", gomod)
	}
	return dir, nil
}

func goOutput(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out)), nil
}

// cpuModel returns the processor's model name from /proc/cpuinfo, or else
// the one go test printed, or else the architecture.
func cpuModel(fromGoTest string) string {
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.Lines(string(data)) {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				return strings.TrimSpace(v)
			}
		}
	}
	if fromGoTest != "" {
		return fromGoTest
	}
	return runtime.GOARCH
}

// loadAverage returns the load averages of /proc/loadavg, or "" where there
// is none.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// shellQuote joins args into a command line a POSIX shell reads back as
// args.
func shellQuote(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if a != "" && strings.IndexFunc(a, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./,=:", r))
		}) < 0 {
			out[i] = a
			continue
		}
		out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(out, " ")
}
