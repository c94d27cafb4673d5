package fleet

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"time"

	"github.com/scopelog/scopelog/registry"
	"github.com/scopelog/scopelog/watcher"
)

const (
	registrySelf = registry.SelfName
	// component is the child's component whose level each round sets.
	component = "db"
	// key is the volume's one file, which every process watches.
	key = "components"
)

// Config says how to run a fleet. Its zero fields take the defaults shown.
type Config struct {
	Child  string // the child program, built by Build (required)
	Dir    string // an empty directory for the volume (required)
	N      int    // processes (1)
	Rounds int    // measured updates of the volume, one after the other (1)
	// Warmup is how many updates come first, made and awaited like the
	// others but not measured (none): the first update after the processes
	// start pays one-time costs in each of them.
	Warmup   int
	Debounce time.Duration // each watcher's quiet period (watcher.DefaultDebounce)
	// Lead is how long after an update its rule's until= instant comes (1 s).
	// It must leave every process time to acknowledge the update first.
	Lead time.Duration
	// Timeout bounds each wait beyond what is expected: the debounce for an
	// acknowledgement, the instant for an expiry (10 s).
	Timeout  time.Duration
	Progress io.Writer // if not nil, a line per round
}

func (c Config) withDefaults() Config {
	c.N = max(c.N, 1)
	c.Rounds = max(c.Rounds, 1)
	c.Warmup = max(c.Warmup, 0)
	if c.Debounce <= 0 {
		c.Debounce = watcher.DefaultDebounce
	}
	if c.Lead <= 0 {
		c.Lead = time.Second
	}
	if c.Timeout <= 0 {
		c.Timeout = 10 * time.Second
	}
	return c
}

// Result is what Run measured. Every duration is from one wall-clock time
// stamp to another.
type Result struct {
	Config Config // as run, with the defaults filled in
	// Ack holds, for each round and process, the time from the swap of
	// "..data" (from just before its rename began) to the process's
	// acknowledgement of the new file.
	Ack []time.Duration
	// AckSpread holds, for each round, the time from the fastest process's
	// acknowledgement to the slowest's.
	AckSpread []time.Duration
	// Expiry holds, for each round and process, the time from the rule's
	// until= instant to the process's log entry of its expiry: negative if
	// it came early.
	Expiry       []time.Duration
	ExpirySpread []time.Duration
	// Rename is the longest time a rename of "..data_tmp" over "..data"
	// took, as seen from this process: Ack may overstate a latency by that
	// much, never understate it.
	Rename time.Duration
}

// The volume's contents: every component at warn, and in each round db at
// debug until an instant, after which it falls back to warn.
const baseRules = "# The components file of a fleet measurement.\n*=warn\n"

func roundRules(instant time.Time) []byte {
	return []byte(baseRules + component + "=debug until=" + instant.UTC().Format(time.RFC3339Nano) + "\n")
}

// Run starts cfg.N child processes on one volume in cfg.Dir, waits until
// each has loaded it, then updates the volume cfg.Warmup + cfg.Rounds times,
// measuring the last cfg.Rounds, each time
// waiting for every process to acknowledge the update, then to turn its
// rule off at its until= instant. It stops the processes before it returns.
// An error means the measurement is incomplete: a process failed, exited,
// or missed an update or an expiry within cfg.Timeout.
func Run(ctx context.Context, cfg Config) (res *Result, err error) {
	cfg = cfg.withDefaults()
	if cfg.Child == "" || cfg.Dir == "" {
		return nil, errors.New("fleet: Config.Child and Config.Dir are required")
	}
	res = &Result{Config: cfg}
	vol, err := NewVolume(cfg.Dir, key, []byte(baseRules))
	if err != nil {
		return nil, err
	}
	f := &fleet{cfg: cfg, lines: make(chan line)}
	defer func() { err = errors.Join(err, f.stop()) }()
	if err := f.start(ctx, vol.Path()); err != nil {
		return nil, err
	}
	// Each process's first reload sets db from the default, info, to warn.
	if _, err := f.await(ctx, "the first load", time.Now().Add(cfg.Timeout), ack("warn")); err != nil {
		return nil, err
	}

	for i := range cfg.Warmup + cfg.Rounds {
		round, name := i-cfg.Warmup, fmt.Sprintf("round %d", i-cfg.Warmup+1)
		if round < 0 {
			name = fmt.Sprintf("warm-up %d", i+1)
		}
		instant := time.Now().Add(cfg.Lead).Round(0)
		swap, err := vol.Update(roundRules(instant))
		if err != nil {
			return nil, err
		}
		what := name + ": the acknowledgement of db=debug"
		acks, err := f.await(ctx, what, swap.After.Add(cfg.Debounce+cfg.Timeout), ack("debug"))
		if err != nil {
			return nil, err
		}
		ackd := since(acks, swap.Before)

		what = fmt.Sprintf("%s: the expiry of db=debug until=%s", name, instant.UTC().Format(time.RFC3339Nano))
		exps, err := f.await(ctx, what, instant.Add(cfg.Timeout), expiry)
		if err != nil {
			return nil, err
		}
		expd := since(exps, instant)
		if cfg.Progress != nil {
			fmt.Fprintf(cfg.Progress, "%s: acknowledged %s after the swap; turned off %s after until\n", name, span(ackd), span(expd))
		}
		if round < 0 {
			continue
		}
		res.Rename = max(res.Rename, swap.After.Sub(swap.Before))
		res.Ack = append(res.Ack, ackd...)
		res.AckSpread = append(res.AckSpread, Spread(ackd))
		res.Expiry = append(res.Expiry, expd...)
		res.ExpirySpread = append(res.ExpirySpread, Spread(expd))
	}
	return res, nil
}

// ack matches a reload's acknowledgement that sets db to want.
func ack(want string) func(Entry) bool {
	return func(e Entry) bool {
		_, to, ok := e.Change(component)
		return ok && to == want && e.Logger == registrySelf && !e.Expiry()
	}
}

// expiry matches the log of an expiry that returns db to warn.
func expiry(e Entry) bool {
	_, to, ok := e.Change(component)
	return ok && to == "warn" && e.Expiry()
}

func since(entries []Entry, t time.Time) []time.Duration {
	d := make([]time.Duration, len(entries))
	for i, e := range entries {
		d[i] = e.Time.Sub(t)
	}
	return d
}

func span(d []time.Duration) string {
	s := Summarize(d)
	return fmt.Sprintf("%s to %s", ms(s.Min), ms(s.Max))
}

// fleet is the running processes and what they write.
type fleet struct {
	cfg   Config
	procs []*proc
	lines chan line
}

type proc struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	tail  []string // the last lines it wrote, for error messages
	done  bool
	err   error
}

// line is a line a process wrote, or, with eof, its exit.
type line struct {
	proc int
	text string
	eof  bool
	err  error
}

const tailLines = 5

func (f *fleet) start(ctx context.Context, path string) error {
	for i := range f.cfg.N {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		cmd := exec.Command(f.cfg.Child, "-components", path, "-debounce", f.cfg.Debounce.String())
		stdin, err := cmd.StdinPipe()
		if err != nil {
			return fmt.Errorf("fleet: %w", err)
		}
		stderr, err := cmd.StderrPipe()
		if err != nil {
			return fmt.Errorf("fleet: %w", err)
		}
		if err := cmd.Start(); err != nil {
			return fmt.Errorf("fleet: %w", err)
		}
		f.procs = append(f.procs, &proc{cmd: cmd, stdin: stdin})
		go f.read(i, cmd, stderr)
	}
	return nil
}

// read sends each line process i writes, then its exit. stop receives
// until every process has exited, so the sends never block for ever.
func (f *fleet) read(i int, cmd *exec.Cmd, stderr io.Reader) {
	sc := bufio.NewScanner(stderr)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		f.lines <- line{proc: i, text: sc.Text()}
	}
	// Drain what a line too long for the scanner left, so that Wait can
	// close the pipe.
	_, _ = io.Copy(io.Discard, stderr)
	f.lines <- line{proc: i, eof: true, err: cmd.Wait()}
}

// await returns, for each process in order, the first entry it writes that
// matches, failing at the deadline, when a process logs an error or exits,
// or when ctx is done.
func (f *fleet) await(ctx context.Context, what string, deadline time.Time, match func(Entry) bool) ([]Entry, error) {
	found := make([]Entry, len(f.procs))
	seen := make([]bool, len(f.procs))
	left := len(f.procs)
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	for left > 0 {
		var l line
		select {
		case l = <-f.lines:
		case <-timer.C:
			return nil, f.missing(what, seen)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		p := f.procs[l.proc]
		if l.eof {
			p.done, p.err = true, l.err
			return nil, fmt.Errorf("fleet: process %d exited (%v) while waiting for %s; its last lines:\n%s", l.proc, l.err, what, strings.Join(p.tail, "\n"))
		}
		p.tail = append(p.tail[max(0, len(p.tail)-tailLines+1):], l.text)
		e, err := ParseEntry([]byte(l.text))
		if err != nil {
			continue // such as a panic's stack, which the exit reports
		}
		if e.Failure() {
			return nil, fmt.Errorf("fleet: process %d logged an error while waiting for %s: %s", l.proc, what, l.text)
		}
		if !seen[l.proc] && match(e) {
			found[l.proc], seen[l.proc] = e, true
			left--
		}
	}
	return found, nil
}

func (f *fleet) missing(what string, seen []bool) error {
	var b strings.Builder
	fmt.Fprintf(&b, "fleet: timed out waiting for %s", what)
	for i, ok := range seen {
		if !ok {
			fmt.Fprintf(&b, "\nprocess %d did not log it; its last lines:\n%s", i, strings.Join(f.procs[i].tail, "\n"))
		}
	}
	return errors.New(b.String())
}

// stopTimeout bounds how long the processes have to exit once their
// standard input is closed, after which they are killed.
const stopTimeout = 10 * time.Second

// stop closes every process's standard input, which tells it to exit, and
// waits for all of them, killing those that do not exit in time. It returns
// the errors of processes that did not exit cleanly.
func (f *fleet) stop() error {
	left := 0
	for _, p := range f.procs {
		_ = p.stdin.Close()
		if !p.done {
			left++
		}
	}
	timer := time.NewTimer(stopTimeout)
	defer timer.Stop()
	var errs []error
	for left > 0 {
		select {
		case l := <-f.lines:
			if !l.eof {
				continue
			}
			f.procs[l.proc].done = true
			left--
			if l.err != nil {
				errs = append(errs, fmt.Errorf("fleet: process %d: %w", l.proc, l.err))
			}
		case <-timer.C:
			for _, p := range f.procs {
				if !p.done {
					_ = p.cmd.Process.Kill()
				}
			}
			errs = append(errs, fmt.Errorf("fleet: %d processes did not exit within %v of their standard input closing; killed", left, stopTimeout))
			timer.Reset(time.Hour) // the kill ends them; their exits still come
		}
	}
	return errors.Join(errs...)
}
