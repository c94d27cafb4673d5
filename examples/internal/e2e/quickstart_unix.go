//go:build unix

package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

// QuickStart runs the quick start of the example program in the calling
// test's directory as a real process: after the components file names db
// and the process gets SIGUSR1, debug lines appear for db and for nothing
// else; after the rule is removed, none; SIGINT ends it cleanly. debug is
// the level's name as the program's sink writes it: "debug" for zap's
// encoder, "DEBUG" for slog's JSON handler. args are the program's flags
// besides -components and -every: a program that also watches its file
// must be given the flag that stops it, since a save and a signal may
// give one acknowledgement or two.
func QuickStart(t *testing.T, debug string, args ...string) {
	t.Helper()
	bin := Build(t, ".")
	components := filepath.Join(t.TempDir(), "components")
	p := Start(t, bin, append([]string{"-components", components, "-every", "10ms"}, args...)...)

	_, started := p.Wait(t, 0, "the start line", Msg("app", "started"))
	if pid, _ := started.Int("pid"); int(pid) != p.Pid() {
		t.Errorf("started with pid %d, want %d", pid, p.Pid())
	}
	// ticks waits for n more ticks after index from, and returns the index
	// of the last.
	ticks := func(from, n int) int {
		t.Helper()
		for range n {
			from, _ = p.Wait(t, from, "a tick", Msg("app", "tick"))
			from++
		}
		return from - 1
	}
	debugLoggers := func(entries []Entry) []string {
		var out []string
		for _, e := range entries {
			if e.Level == debug && !slices.Contains(out, e.Logger) {
				out = append(out, e.Logger)
			}
		}
		return out
	}
	// apply writes the components file, signals the process, and returns
	// the index of the first tick that follows the acknowledgement. A debug
	// line checked just before the reload may be written just after its
	// acknowledgement, since an entry is written at the level in force when
	// it was checked; a tick written after the acknowledgement started its
	// iteration after the level changed.
	apply := func(content string) int {
		t.Helper()
		gen := p.Generation()
		if err := os.WriteFile(components, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		p.Signal(t, syscall.SIGUSR1)
		i, ack := p.WaitReload(t, gen)
		if ack.Msg != "components reloaded" {
			t.Fatalf("reload failed: %s", ack.Line)
		}
		return ticks(i, 1)
	}

	end := ticks(0, 3)
	if got := debugLoggers(p.Since(0)[:end]); len(got) > 0 {
		t.Errorf("debug lines of %q with no rule", got)
	}

	on := apply("db\n")
	end = ticks(on+1, 3)
	if got := debugLoggers(p.Since(on)[:end-on]); !slices.Equal(got, []string{"db"}) {
		t.Errorf("after the rule db, debug lines of %q, want only db's", got)
	}

	off := apply("# nothing\n")
	end = ticks(off+1, 3)
	if got := debugLoggers(p.Since(off)[:end-off]); len(got) > 0 {
		t.Errorf("debug lines of %q after the rule was removed", got)
	}

	p.Signal(t, os.Interrupt)
	if err := p.WaitExit(t); err != nil {
		t.Errorf("exit after SIGINT: %v", err)
	}
}
