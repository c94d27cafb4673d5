package main

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/admin"
	"github.com/scopelog/scopelog/registry"
)

// server serves an admin handler on loopback, for a registry whose file
// sets clock to debug.
func server(t *testing.T) (*registry.Registry, string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "components")
	if err := os.WriteFile(file, []byte("clock\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	reg := registry.New(registry.WithFile(file), registry.WithCore(zapcore.NewNopCore()))
	for _, n := range []string{"clock", "http", "saas.client", "saas.api"} {
		reg.Component(n)
	}
	if err := reg.Reload(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(admin.Handler(reg))
	t.Cleanup(srv.Close)
	return reg, srv.URL + "/debug/scopelog"
}

func TestSetURL(t *testing.T) {
	reg, url := server(t)
	now := time.Now()
	r := runAt(now, "set", "-url", url, "saas", "-for", "15m")
	done := time.Now()
	r.want(t, exitOK)
	o := reg.Overrides()
	if len(o) != 1 || o[0].Pattern != "saas" || o[0].Level != zapcore.DebugLevel {
		t.Fatalf("overrides %+v", o)
	}
	until := o[0].Until.UTC().Format(time.RFC3339)
	// The process counts from when it got the request, to the second.
	if o[0].Until.Before(now.Add(15*time.Minute-time.Second)) || o[0].Until.After(done.Add(15*time.Minute)) {
		t.Errorf("until %v, want 15m after a moment in [%v, %v]", o[0].Until, now, done)
	}
	lines := strings.Split(r.stdout, "\n")
	want := []string{
		"override saas=debug until " + until + " (in ",
		"NAME         LEVEL       RULE      EXPIRES",
		"saas.api     info→debug  override  " + until + " (in ",
		"saas.client  info→debug  override  " + until + " (in ",
		"",
	}
	if len(lines) != len(want) {
		t.Fatalf("stdout\n%s", r.stdout)
	}
	for i := range want {
		if !strings.HasPrefix(lines[i], want[i]) {
			t.Errorf("line %d: %q, want it to start with %q", i+1, lines[i], want[i])
		}
	}

	// -until, and a level.
	r = runCmd("set", "-url", url, "-until", now.Add(time.Hour).UTC().Format(time.RFC3339), "clock=error")
	r.want(t, exitOK)
	if !strings.Contains(r.stdout, "clock  debug→error  override") {
		t.Errorf("stdout\n%s", r.stdout)
	}

	// list shows both, as the handler's text form.
	r = runCmd("list", "-url", url)
	r.want(t, exitOK)
	for _, s := range []string{"NAME ", "clock        error  override", "OVERRIDE  LEVEL  UNTIL", "saas      debug  " + until, "last reload: "} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("list: no %q in\n%s", s, r.stdout)
		}
	}
	r = runCmd("list", "-url", url, "-json")
	r.want(t, exitOK)
	if !strings.HasPrefix(r.stdout, `{"components":[{"name":"clock","level":"error","rule":"override","expires":"`) {
		t.Errorf("list -json: %s", r.stdout)
	}

	// unset falls back to the file.
	r = runCmd("unset", "-url", url, "clock")
	r.want(t, exitOK)
	if !strings.HasPrefix(r.stdout, "override clock cleared\nNAME   LEVEL        RULE") || !strings.Contains(r.stdout, "clock  error→debug  "+filepath.Join(filepath.Dir(reg.File()), "components")+":1  -") {
		t.Errorf("unset stdout\n%s", r.stdout)
	}
	r = runCmd("unset", "-url", url, "clock")
	r.want(t, exitFailure)
	if want := "scopelog unset: DELETE " + url + "?pattern=clock: 404 Not Found: no override for pattern \"clock\"\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
}

func TestSetURLErrors(t *testing.T) {
	_, url := server(t)
	r := runCmd("set", "-url", url, "saas=verbose")
	r.want(t, exitFailure)
	if want := `scopelog set: invalid rule "saas=verbose": column 6: unknown level "verbose": expected debug, info, warn, error, dpanic, panic or fatal` + "\n"; r.stderr != want {
		t.Errorf("stderr %q", r.stderr)
	}
	// The process's own bound on until: the server's message.
	r = runCmd("set", "-url", url, "saas", "-for", "48h")
	r.want(t, exitFailure)
	if !strings.HasPrefix(r.stderr, "scopelog set: PUT "+url+": 400 Bad Request: registry: ") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("stderr %q", r.stderr)
	}
	// Nothing listens there.
	dead := httptest.NewServer(nil)
	deadURL := dead.URL
	dead.Close()
	r = runCmd("list", "-url", deadURL)
	r.want(t, exitFailure)
	if !strings.Contains(r.stderr, "connection refused") {
		t.Errorf("stderr %q", r.stderr)
	}
	// A server that is not an admin handler.
	other := httptest.NewServer(nil) // 404 for everything
	defer other.Close()
	r = runCmd("set", "-url", other.URL, "saas")
	r.want(t, exitFailure)
	if !strings.HasPrefix(r.stderr, "scopelog set: GET "+other.URL+": 404 Not Found: 404 page not found") {
		t.Errorf("stderr %q", r.stderr)
	}
}

// TestSetURLUnmatched: a pattern that covers no component of the process
// is refused with the closest name, and sets nothing, unless
// -allow-unmatched.
func TestSetURLUnmatched(t *testing.T) {
	reg, url := server(t)
	r := runCmd("set", "-url", url, "saas.clinet", "-for", "1m")
	r.want(t, exitFailure)
	if want := "scopelog set: no registered component matches saas.clinet; did you mean saas.client? (-allow-unmatched sets it anyway, for a component registered later)\n"; r.stderr != want || r.stdout != "" {
		t.Errorf("stdout %q, stderr %q, want %q", r.stdout, r.stderr, want)
	}
	r = runCmd("set", "-url", url, "db=info")
	r.want(t, exitFailure)
	if want := "scopelog set: no registered component matches db (-allow-unmatched"; !strings.HasPrefix(r.stderr, want) {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	if o := reg.Overrides(); len(o) != 0 {
		t.Fatalf("a refused set set %v", o)
	}
	r = runCmd("set", "-url", url, "saas.clinet", "-for", "1m", "-allow-unmatched")
	r.want(t, exitOK)
	if !strings.Contains(r.stdout, "no component changed: none that saas.clinet covers is registered yet") {
		t.Errorf("stdout\n%s", r.stdout)
	}
	if o := reg.Overrides(); len(o) != 1 || o[0].Pattern != "saas.clinet" {
		t.Fatalf("overrides %v", o)
	}
}

// TestUnsetAll: unset -all clears every override and says how many.
func TestUnsetAll(t *testing.T) {
	reg, url := server(t)
	runCmd("set", "-url", url, "saas", "-for", "1m").want(t, exitOK)
	runCmd("set", "-url", url, "clock=error", "-for", "1m").want(t, exitOK)
	r := runCmd("unset", "-all", "-url", url)
	r.want(t, exitOK)
	want := "cleared 2 overrides\n" +
		"NAME         LEVEL        RULE"
	if !strings.HasPrefix(r.stdout, want) || !strings.Contains(r.stdout, "saas.client  debug→info   -") || !strings.Contains(r.stdout, "clock        error→debug  ") {
		t.Errorf("stdout\n%s\nwant it to start with\n%s", r.stdout, want)
	}
	if o := reg.Overrides(); len(o) != 0 {
		t.Fatalf("overrides left: %v", o)
	}
	r = runCmd("unset", "-url", url, "-all")
	r.want(t, exitOK)
	if r.stdout != "cleared 0 overrides\n" {
		t.Errorf("stdout %q", r.stdout)
	}
}

// TestEnvURL: $SCOPELOG_URL is the default of -url, for every command that
// talks to a process; -url and -file win over it.
func TestEnvURL(t *testing.T) {
	reg, url := server(t)
	env := map[string]string{envURL: url}
	runEnv(time.Now(), env, "set", "saas", "-for", "1m").want(t, exitOK)
	if o := reg.Overrides(); len(o) != 1 {
		t.Fatalf("overrides %v", o)
	}
	if r := runEnv(time.Now(), env, "list"); r.code != exitOK || !strings.Contains(r.stdout, "saas      debug  ") {
		t.Errorf("list: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	runEnv(time.Now(), env, "flush", "saas").want(t, exitOK)
	runEnv(time.Now(), env, "unset", "saas").want(t, exitOK)
	// -file is file mode, whatever the environment says.
	f := write(t, "components", "", 0o644)
	runEnv(time.Now(), env, "set", "-file", f, "-for", "0", "db").want(t, exitOK)
	if got := read(t, f); got != "db=debug\n" {
		t.Errorf("file %q", got)
	}
	// -url wins.
	dead := httptest.NewServer(nil)
	deadURL := dead.URL
	dead.Close()
	if r := runEnv(time.Now(), env, "list", "-url", deadURL); r.code != exitFailure || !strings.Contains(r.stderr, "connection refused") {
		t.Errorf("list -url: %d %s", r.code, r.stderr)
	}
	if r := runEnv(time.Now(), map[string]string{envURL: "localhost:8000"}, "list"); r.code != exitUsage || !strings.Contains(r.stderr, `-url "localhost:8000": expected an http://`) {
		t.Errorf("a bad $SCOPELOG_URL: %d %s", r.code, r.stderr)
	}
}

func TestCheckComponentsFrom(t *testing.T) {
	_, url := server(t)
	f := write(t, "components", "saas.clinet\nclock\n", 0o644)
	r := runCmd("check", "-components-from", url, f)
	r.want(t, exitFailure)
	if want := f + ":1: no component matches saas.clinet; did you mean saas.client?\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
}

func TestCheckCountsUntil(t *testing.T) {
	f := write(t, "components", "db until=2026-11-26T15:00:00Z\nhttp\nsaas.client=info until=2099-01-01T00:00:00Z # later\n", 0o644)
	r := runCmd("check", f)
	r.want(t, exitOK)
	if want := f + ": 3 rules, 2 with until=\n"; r.stdout != want {
		t.Errorf("stdout %q, want %q", r.stdout, want)
	}
}
