//go:build unix

package watcher_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/scopelog/scopelog/internal/wait"
	"github.com/scopelog/scopelog/registry"
	"github.com/scopelog/scopelog/signals"
	"github.com/scopelog/scopelog/watcher"
)

// These tests wire the real registry, signals and watcher the plain way a
// program does, and send real SIGUSR1 signals to the test process. They do
// not run in parallel: the signal reaches every listener in the process.

// triggers is a registry reloaded both by SIGUSR1 and by a watcher.
type triggers struct {
	reg  *registry.Registry
	file string
	logs *observer.ObservedLogs
}

var triggerComponents = []string{"saas.client", "db", "db.pool", "http"}

func startTriggers(t *testing.T, content string, debounce time.Duration, opts ...watcher.Option) *triggers {
	t.Helper()
	file := filepath.Join(t.TempDir(), "components")
	mustWrite(t, file, content)
	core, logs := observer.New(zapcore.DebugLevel)
	reg := registry.New(registry.WithCore(core), registry.WithFile(file))
	for _, c := range triggerComponents {
		reg.Component(c)
	}
	// The plain wiring, with no option that ties the two together.
	w, err := watcher.Watch(file, reg.Reload, append([]watcher.Option{watcher.WithDebounce(debounce)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	stop := signals.Notify(reg.Reload)
	t.Cleanup(func() {
		stop()
		if err := w.Close(); err != nil {
			t.Error(err)
		}
	})
	if err := reg.Reload(); err != nil {
		t.Fatal(err)
	}
	return &triggers{reg: reg, file: file, logs: logs}
}

func usr1(t *testing.T) {
	t.Helper()
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGUSR1); err != nil {
		t.Fatal(err)
	}
}

func (tr *triggers) level(name string) zapcore.Level { return tr.reg.Component(name).Level() }

// levels returns every component's level and rule line, as "db=debug@2".
func levels(reg *registry.Registry) []string {
	var out []string
	for _, s := range reg.Components() {
		out = append(out, fmt.Sprintf("%s=%v@%s", s.Name, s.Level, filepath.Base(s.Rule)))
	}
	return out
}

// fresh returns the levels a fresh registry gets from content, read from a
// file of its own.
func fresh(t *testing.T, content string) []string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "components")
	mustWrite(t, file, content)
	reg := registry.New(registry.WithCore(zapcore.NewNopCore()), registry.WithFile(file))
	for _, c := range triggerComponents {
		reg.Component(c)
	}
	if err := reg.Reload(); err != nil {
		t.Fatalf("fresh registry: %v", err)
	}
	return levels(reg)
}

// The first reproduction, with the demo's defaults:
//
//	echo saas.client > components && kill -USR1 $PID; sleep 0.05; : > components
//
// The file ends empty, so saas.client must end at its default.
func TestSignalThenTruncate(t *testing.T) {
	tr := startTriggers(t, "", watcher.DefaultDebounce)
	mustWrite(t, tr.file, "saas.client\n") // echo >: truncate, write
	usr1(t)
	wait.For(t, "the signal's reload", func() bool { return tr.level("saas.client") == zapcore.DebugLevel })
	mustWrite(t, tr.file, "") // : >
	wait.For(t, "saas.client back at its default", func() bool { return tr.level("saas.client") == zapcore.InfoLevel })
}

// The second: the same content rewritten in place, with SIGUSR1 landing
// between the truncate and the write. The signal's reload reads the empty
// file; the watcher must then apply the content once it is written.
func TestSignalBetweenTruncateAndWrite(t *testing.T) {
	tr := startTriggers(t, "saas.client\n", watcher.DefaultDebounce)
	if tr.level("saas.client") != zapcore.DebugLevel {
		t.Fatal("the initial load did not apply the file")
	}
	f, err := os.OpenFile(tr.file, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	usr1(t)
	wait.For(t, "the signal's reload of the empty file", func() bool { return tr.level("saas.client") == zapcore.InfoLevel })
	if _, err := f.WriteString("saas.client\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	wait.For(t, "saas.client at debug again", func() bool { return tr.level("saas.client") == zapcore.DebugLevel })
}

// When the signal has already applied the content the watcher would reload,
// the watcher does not reload again: one save and one signal give one
// acknowledgement. A signal with nothing changed still reloads: the
// operator asked.
//
// The save's events reach the watcher only once the signal's reload is
// done, as they do when the signal comes within the quiet period; on a
// loaded machine a signal can otherwise be handled after the quiet period,
// and then both triggers rightly reload.
func TestOneAcknowledgementPerChange(t *testing.T) {
	const debounce = 20 * time.Millisecond
	gate := newGatedWatch()
	tr := startTriggers(t, "", debounce, watcher.WithWatchFunc(gate.newWatch))
	acks := func() int { return tr.logs.FilterLoggerName(registry.SelfName).Len() }
	for i, content := range []string{"saas.client\n", "", "db=warn\n"} {
		n := acks()
		gate.hold()
		mustWrite(t, tr.file, content)
		usr1(t)
		wait.For(t, "the signal's acknowledgement", func() bool { return acks() > n })
		gate.release()
		// A bounded look for the watcher's second reload, which must not
		// come: many quiet periods long.
		end := time.Now().Add(10 * debounce)
		for time.Now().Before(end) {
			if got := acks(); got != n+1 {
				t.Fatalf("change %d: %d acknowledgements, want 1: %v", i, got-n, tr.logs.All()[n:])
			}
			time.Sleep(time.Millisecond)
		}
	}
	n := acks()
	usr1(t)
	wait.For(t, "a signal with nothing changed still acknowledged", func() bool { return acks() == n+1 })
}

// Random interleavings of saves, in every editor pattern, and signals. Once
// the file has been quiet for the debounce period, the levels must be what
// a fresh registry reads from the final content. Four lanes, each a file
// with its registry, watcher and signal listener, run at once; a signal
// sent by one lane reloads every lane, which only adds interleavings.
func TestRandomInterleavings(t *testing.T) {
	if testing.Short() {
		t.Skip("a long stress test; CI runs it in full (.ci/run has no -short)")
	}
	const lanes, runs = 4, 50
	var (
		mu  sync.Mutex
		ops = map[string]int{}
	)
	t.Run("lanes", func(t *testing.T) {
		for lane := range lanes {
			t.Run(fmt.Sprint(lane), func(t *testing.T) {
				t.Parallel()
				got := interleave(t, runs, uint64(lane))
				mu.Lock()
				defer mu.Unlock()
				for op, n := range got {
					ops[op] += n
				}
			})
		}
	})
	t.Logf("%d interleavings, operations: %v", lanes*runs, ops)
}

func interleave(t *testing.T, runs int, lane uint64) map[string]int {
	const debounce = 10 * time.Millisecond
	contents := []string{"", "saas.client\n", "db=warn\n", "db=error\ndb.pool\n", "*=warn\nhttp=debug\n", "saas.client\nsaas.client=error\n"}
	const invalid = "db=verbose\n"
	tr := startTriggers(t, "", debounce)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), lane))
	ops := map[string]int{}
	want := make(map[string][]string) // fresh levels per content
	for _, c := range contents {
		want[c] = fresh(t, c)
	}
	final := "" // what the file holds
	for run := range runs {
		var log []string
		n := 1 + rng.IntN(6)
		for i := range n {
			content := contents[rng.IntN(len(contents))]
			if i < n-1 && rng.IntN(8) == 0 {
				content = invalid // never last: the last good content would then depend on timing
			}
			op := []string{"write", "truncate-then-write", "temp+rename", "signal"}[rng.IntN(4)]
			if i == n-1 && final == invalid && op == "signal" {
				op = "temp+rename" // a save must fix it
			}
			ops[op]++
			switch op {
			case "write":
				mustWrite(t, tr.file, content)
			case "truncate-then-write":
				f, err := os.OpenFile(tr.file, os.O_WRONLY|os.O_TRUNC|os.O_CREATE, 0o644)
				if err != nil {
					t.Fatal(err)
				}
				time.Sleep(time.Duration(rng.IntN(3000)) * time.Microsecond)
				_, err = f.WriteString(content)
				if cerr := f.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					t.Fatal(err)
				}
			case "temp+rename":
				writeAtomic(t, tr.file, content)
			case "signal":
				usr1(t)
			}
			if op != "signal" {
				final = content
				log = append(log, fmt.Sprintf("%s %q", op, content))
			} else {
				log = append(log, op)
			}
			time.Sleep(time.Duration(rng.IntN(2*int(debounce/time.Microsecond))) * time.Microsecond)
		}
		if final == invalid {
			t.Fatal("the test made an invalid file last")
		}
		if b, err := os.ReadFile(tr.file); err != nil || string(b) != final {
			t.Fatalf("run %d: the file holds %q, want %q", run, b, final)
		}
		expected := want[final]
		eq := func() bool { return slices.Equal(levels(tr.reg), expected) }
		if !waitUntil(eq) {
			t.Fatalf("run %d: after %v\nlevels %v\nwant   %v (a fresh registry on the final content)", run, log, levels(tr.reg), expected)
		}
		// And they stay so: no reload of older content comes after.
		end := time.Now().Add(3 * debounce)
		for time.Now().Before(end) {
			if !eq() {
				t.Fatalf("run %d: after %v the levels left the final content's: %v", run, log, levels(tr.reg))
			}
			time.Sleep(time.Millisecond)
		}
	}
	return ops
}

// waitUntil polls cond until wait.Deadline and reports whether it held.
func waitUntil(cond func() bool) bool {
	end := time.Now().Add(wait.Deadline)
	for !cond() {
		if time.Now().After(end) {
			return false
		}
		time.Sleep(time.Millisecond)
	}
	return true
}

// hold holds back the events from now on, until release.
func (g *gatedWatch) hold() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.open = make(chan struct{})
}

// release lets the events held back, and those that follow, flow.
func (g *gatedWatch) release() {
	g.mu.Lock()
	defer g.mu.Unlock()
	close(g.open)
}
