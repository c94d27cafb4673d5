// Command fleet measures whether a fleet of processes that read one
// Kubernetes ConfigMap agree in time: it starts N real processes, each
// watching one directory laid out as the kubelet lays out a ConfigMap
// volume, updates that directory as the kubelet does, and measures how long
// each process takes to acknowledge the update and, for a rule with until=,
// how close to its instant each one turns it off. See package
// bench/internal/fleet for what is measured and how precisely.
//
// Run it from the bench directory:
//
//	go run ./cmd/fleet -n 20             # measure, print, write RESULTS.md and ../docs/operating.md
//	go run ./cmd/fleet -n 3 -write=false # a smoke run: print only
//
// On a machine busy with other work, which would preempt the fleet as it
// would not preempt pods on their own nodes, run it at a higher priority,
// which the processes inherit and the results record:
//
//	sudo nice -n -10 go run ./cmd/fleet -n 20
//
// The flags are:
//
//	-n n          processes (default 20)
//	-rounds n     measured updates of the volume, one after the other (default 10)
//	-warmup n     updates before those, not measured (default 1): the first
//	              update after the processes start pays one-time costs
//	-debounce d   each watcher's quiet period (default 100ms, the watcher's)
//	-lead d       from an update to its rule's until= instant (default 1s)
//	-write        rewrite the section between <!-- fleet:begin --> and
//	              <!-- fleet:end --> in RESULTS.md, appending it if missing,
//	              and in ../docs/operating.md, if it has the markers (default true)
//
// It exits with 1 when the measurement is incomplete (a process failed,
// or missed an update or an expiry), and 2 for a usage error. A missed
// target is printed, and is not a failure of the command.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/scopelog/scopelog/bench/internal/fleet"
	"github.com/scopelog/scopelog/watcher"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type options struct {
	cfg   fleet.Config
	write bool
}

func parse(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("fleet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&o.cfg.N, "n", 20, "processes")
	fs.IntVar(&o.cfg.Rounds, "rounds", 10, "measured updates of the volume, one after the other")
	fs.IntVar(&o.cfg.Warmup, "warmup", 1, "updates before those, not measured")
	fs.DurationVar(&o.cfg.Debounce, "debounce", watcher.DefaultDebounce, "each watcher's quiet period")
	fs.DurationVar(&o.cfg.Lead, "lead", time.Second, "from an update to its rule's until= instant")
	fs.BoolVar(&o.write, "write", true, "rewrite the fleet section of RESULTS.md and ../docs/operating.md")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	switch {
	case fs.NArg() > 0:
		return o, fmt.Errorf("unexpected arguments %q", fs.Args())
	case o.cfg.N < 1 || o.cfg.Rounds < 1 || o.cfg.Warmup < 0:
		return o, errors.New("-n and -rounds must be at least 1, -warmup at least 0")
	case o.cfg.Debounce <= 0 || o.cfg.Lead <= 0:
		return o, errors.New("-debounce and -lead must be positive")
	case o.cfg.Lead <= o.cfg.Debounce+fleet.Slack:
		return o, fmt.Errorf("-lead %s leaves no time to acknowledge an update before its until= instant: make it more than -debounce + %s", o.cfg.Lead, fleet.Slack)
	}
	return o, nil
}

func run(args []string, stdout, stderr io.Writer) int {
	o, err := parse(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "fleet:", err)
		return 2
	}
	if err := measure(o, args, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "fleet:", err)
		return 1
	}
	return 0
}

func measure(o options, args []string, stdout, stderr io.Writer) error {
	dir, err := benchDir()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "scopelog-fleet-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	o.cfg.Child, err = fleet.Build(tmp)
	if err != nil {
		return err
	}
	o.cfg.Dir = filepath.Join(tmp, "volume")
	if err := os.Mkdir(o.cfg.Dir, 0o755); err != nil {
		return err
	}
	o.cfg.Progress = stderr

	env := fleet.Env{
		Date:      time.Now(),
		GoVersion: runtime.Version(),
		Machine:   fmt.Sprintf("%s, %d cores, %s/%s", cpuModel(), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH),
		LoadAvg:   loadAverage(),
		Busy:      busy(),
		Nice:      niceness(),
		Command:   strings.TrimSpace("go run ./cmd/fleet " + strings.Join(args, " ")),
	}
	if env.Nice != 0 {
		env.Command = fmt.Sprintf("nice -n %d %s", env.Nice, env.Command)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	fmt.Fprintf(stderr, "fleet: %d processes, %d measured updates after %d warm-up\n", o.cfg.N, o.cfg.Rounds, o.cfg.Warmup)
	res, err := fleet.Run(ctx, o.cfg)
	if err != nil {
		return err
	}
	block := fleet.Block(res, env, false)
	fmt.Fprint(stdout, block)
	if !o.write {
		return nil
	}
	results := filepath.Join(dir, "RESULTS.md")
	if err := rewrite(results, block, true); err != nil {
		return err
	}
	doc := filepath.Join(dir, "..", "docs", "operating.md")
	if err := rewrite(doc, fleet.Block(res, env, true), false); errors.Is(err, errNoMarkers) {
		fmt.Fprintf(stderr, "fleet: %s has no %s … %s section: left alone\n", doc, fleet.BeginMarker, fleet.EndMarker)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "fleet: wrote %s and %s\n", results, doc)
	return nil
}

var errNoMarkers = errors.New("no markers")

// rewrite replaces the fleet section of the file at path with block. A file
// without the section gets it appended when orAppend is set; otherwise it
// is left alone and errNoMarkers returned.
func rewrite(path, block string, orAppend bool) error {
	data, err := os.ReadFile(path)
	if err != nil && !(orAppend && errors.Is(err, os.ErrNotExist)) {
		return err
	}
	doc, ok := fleet.Splice(string(data), block)
	if !ok {
		if !orAppend {
			return errNoMarkers
		}
		doc = string(data)
		if doc != "" {
			doc = strings.TrimRight(doc, "\n") + "\n\n"
		}
		doc += block
	}
	return os.WriteFile(path, []byte(doc), 0o644)
}

// benchDir returns the directory of the bench module, which must be the
// current module.
func benchDir() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	data, err := os.ReadFile(gomod)
	if err != nil || !bytes.Contains(data, []byte("module github.com/scopelog/scopelog/bench\n")) {
		return "", fmt.Errorf("run me from the bench directory (the current module is %q)", gomod)
	}
	return filepath.Dir(gomod), nil
}

// cpuModel returns the processor's model name from /proc/cpuinfo, or the
// architecture.
func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err == nil {
		for l := range strings.Lines(string(data)) {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				return strings.TrimSpace(v)
			}
		}
	}
	return runtime.GOARCH
}

// busy reports whether the 1-minute load average exceeds the number of
// cores.
func busy() bool {
	f := strings.Fields(loadAverage())
	if len(f) == 0 {
		return false
	}
	l, err := strconv.ParseFloat(f[0], 64)
	return err == nil && l > float64(runtime.NumCPU())
}

// niceness returns the scheduling priority of this process from
// /proc/self/stat, or 0 where there is none.
func niceness() int {
	data, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	return statNice(string(data))
}

// statNice returns the nice field of a /proc/<pid>/stat line, or 0.
func statNice(stat string) int {
	// The command name is in parentheses and may hold anything, ") "
	// included; the fields after it start with the third, the state, and
	// nice is the 19th.
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(stat[i+1:])
	if len(f) < 17 {
		return 0
	}
	n, _ := strconv.Atoi(f[16])
	return n
}

// loadAverage returns the 1-, 5- and 15-minute load averages, or "".
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(data)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return ""
}
