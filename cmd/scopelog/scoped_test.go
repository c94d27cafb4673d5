package main

import (
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"
)

// set and unset take a scoped pattern in HTTP mode: the override is scoped,
// and what it covers is printed, since it changes no level.
func TestSetURLScoped(t *testing.T) {
	reg, url := server(t)
	r := runCmd("set", "-url", url, "saas[tenant=acme]", "-for", "10m")
	r.want(t, exitOK)
	o := reg.Overrides()
	if len(o) != 1 || o[0].Pattern != "saas[tenant=acme]" || o[0].Level != zapcore.DebugLevel {
		t.Fatalf("overrides %+v", o)
	}
	until := o[0].Until.UTC().Format(time.RFC3339)
	if !strings.HasPrefix(r.stdout, "override saas[tenant=acme]=debug until "+until+" (in ") ||
		!strings.HasSuffix(r.stdout, ")\nfor tenant=acme only: saas.api, saas.client\n") {
		t.Errorf("stdout\n%s", r.stdout)
	}

	r = runCmd("list", "-url", url)
	r.want(t, exitOK)
	for _, s := range []string{"OVERRIDE           LEVEL  UNTIL\nsaas[tenant=acme]  debug  " + until,
		"SCOPED RULE        LEVEL  RULE      UNTIL", "saas[tenant=acme]  debug  override  " + until} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("list: no %q in\n%s", s, r.stdout)
		}
	}

	// A scoped pattern that covers nothing is a typo as any other, with a
	// suggestion that keeps the condition; -allow-unmatched sets it.
	r = runCmd("set", "-url", url, "sass[user=42]=info")
	r.want(t, exitFailure)
	if !strings.Contains(r.stderr, "no registered component matches sass[user=42]; did you mean saas[user=42]?") {
		t.Errorf("stderr %q", r.stderr)
	}
	r = runCmd("set", "-url", url, "-allow-unmatched", "nothing[user=42]=info")
	r.want(t, exitOK)
	if !strings.HasSuffix(r.stdout, "no component that nothing[user=42] covers is registered yet\n") {
		t.Errorf("stdout\n%s", r.stdout)
	}

	r = runCmd("unset", "-url", url, "saas[tenant=acme]")
	r.want(t, exitOK)
	if r.stdout != "override saas[tenant=acme] cleared\n" {
		t.Errorf("unset stdout %q", r.stdout)
	}
	if len(reg.Overrides()) != 1 {
		t.Errorf("overrides %+v", reg.Overrides())
	}

	r = runCmd("set", "-url", url, "saas[tenant=a b]")
	r.want(t, exitFailure)
	if !strings.Contains(r.stderr, `invalid rule "saas[tenant=a b]"`) {
		t.Errorf("stderr %q", r.stderr)
	}
	r = runCmd("set", "-url", url, "saas[tenant=]")
	r.want(t, exitFailure)
	if !strings.Contains(r.stderr, `column 13: condition "[tenant=]": expected a value after tenant=`) {
		t.Errorf("stderr %q", r.stderr)
	}
}

// set -file writes the rule with its condition, on its own line, and
// unset removes that line only.
func TestSetFileScoped(t *testing.T) {
	now := time.Date(2026, 11, 26, 14, 45, 0, 300, time.UTC)
	f := write(t, "components", commented, 0o640)
	r := runAt(now, "set", "-file", f, "saas.client[tenant=acme]", "-for", "15m")
	r.want(t, exitOK)
	// 15m from now, rounded up to the second, as for any rule.
	want := commented + "saas.client[tenant=acme]=debug until=2026-11-26T15:00:01Z\n"
	if got := read(t, f); got != want {
		t.Errorf("file\n%s\nwant\n%s", got, want)
	}
	if !strings.HasPrefix(r.stdout, f+":5: saas.client[tenant=acme]=debug until=2026-11-26T15:00:01Z\n") {
		t.Errorf("stdout %q", r.stdout)
	}
	runAt(now, "set", "-file", f, "-for", "0", "saas.client[tenant=acme]=info").want(t, exitOK)
	want = commented + "saas.client[tenant=acme]=info\n"
	if got := read(t, f); got != want {
		t.Errorf("file\n%s\nwant\n%s", got, want)
	}
	runCmd("unset", "-file", f, "saas.client[tenant=acme]").want(t, exitOK)
	if got := read(t, f); got != commented {
		t.Errorf("file\n%s\nwant\n%s", got, commented)
	}
}
