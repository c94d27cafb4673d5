//go:build unix

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/scopelog/scopelog/examples/internal/e2e"
)

// TestScopelogFileMode drives this program with the scopelog command in
// file mode, as an operator on the machine would: set rewrites the
// components file and signals the process named by -pidfile, unset undoes
// it, and every comment of the file survives.
func TestScopelogFileMode(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the programs")
	}
	bin := e2e.Build(t, ".")
	scopelog := e2e.Build(t, "../../cmd/scopelog")
	dir := t.TempDir()
	components := filepath.Join(dir, "components")
	pidfile := filepath.Join(dir, "basic.pid")
	original := "# components of basic\n\napp=info   # the ticks stay quiet\n"
	if err := os.WriteFile(components, []byte(original), 0o640); err != nil {
		t.Fatal(err)
	}
	// Without the watcher: the edit and the signal would give one
	// acknowledgement or two.
	p := e2e.Start(t, bin, "-components", components, "-pidfile", pidfile, "-every", "10ms", "-watch=false")
	p.Wait(t, 0, "the start line", e2e.Msg("app", "started"))
	p.WaitReload(t, 0)

	scopelogRun := func(want int, args ...string) string {
		t.Helper()
		out, errOut := e2e.Command(t, want, scopelog, args...)
		return out + errOut
	}

	// Turn db on for 15 minutes.
	gen := p.Generation()
	start := time.Now()
	out := scopelogRun(0, "set", "-file", components, "-pidfile", pidfile, "db", "-for", "15m")
	ackAt, ack := p.WaitReload(t, gen)
	if ack.Msg != "components reloaded" || !strings.HasPrefix(strings.Join(ack.Strings("changed"), ","), "db: info→debug") {
		t.Fatalf("acknowledgement: %s", ack.Line)
	}
	b, err := os.ReadFile(components)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`^` + regexp.QuoteMeta(original) + `db=debug until=(\S+)\n$`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("the file, with its comments and an absolute until=:\n%s", b)
	}
	until, err := time.Parse(time.RFC3339, string(m[1]))
	// -for is rounded up to the second: the rule lasts at least 15 minutes.
	if err != nil || until.Before(start.Add(15*time.Minute)) || until.After(time.Now().Add(15*time.Minute+time.Second)) {
		t.Errorf("until=%s (%v), want 15 minutes from now, rounded up to the second", m[1], err)
	}
	if want := fmt.Sprintf("%s:4: db=debug until=%s\nsent SIGUSR1 to process %d\n", components, m[1], p.Pid()); out != want {
		t.Errorf("output %q, want %q", out, want)
	}
	if fi, err := os.Stat(components); err != nil || fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v (%v), want 0640", fi.Mode(), err)
	}
	p.Wait(t, ackAt, "a debug line of db", func(e e2e.Entry) bool { return e.Logger == "db" && e.Level == "debug" })

	// And off: the file is as it was, byte for byte.
	gen = p.Generation()
	out = scopelogRun(0, "unset", "-file", components, "-pidfile", pidfile, "db")
	offAt, ack := p.WaitReload(t, gen)
	if !strings.HasPrefix(strings.Join(ack.Strings("changed"), ","), "db: debug→info") {
		t.Fatalf("acknowledgement: %s", ack.Line)
	}
	if b, _ := os.ReadFile(components); string(b) != original {
		t.Errorf("after unset:\n%s\nwant\n%s", b, original)
	}
	if want := fmt.Sprintf("%s: removed the rule of db\nsent SIGUSR1 to process %d\n", components, p.Pid()); out != want {
		t.Errorf("output %q, want %q", out, want)
	}
	// Three ticks later, no debug line since the reload.
	for i, from := 0, offAt; i < 3; i++ {
		from, _ = p.Wait(t, from+1, "a tick", e2e.Msg("app", "tick"))
	}
	for _, e := range p.Since(offAt) {
		if e.Level == "debug" && e.Logger == "db" {
			t.Fatalf("a debug line of db after unset: %s", e.Line)
		}
	}

	// A second unset has nothing to remove, and sends nothing.
	gen = p.Generation()
	out = scopelogRun(1, "unset", "-file", components, "-pidfile", pidfile, "db")
	if want := "scopelog unset: " + components + `: registry: no rule with this pattern: "db"` + "\n"; out != want {
		t.Errorf("output %q, want %q", out, want)
	}
	if g := p.Generation(); g != gen {
		t.Errorf("a reload (generation %d) after a failed unset", g)
	}
}
