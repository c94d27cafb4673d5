//go:build unix

package main

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/scopelog/scopelog/examples/internal/e2e"
)

// TestScopelogHTTPMode drives the app with the scopelog command in HTTP
// mode, as an operator would through kubectl exec: list, set for 15
// minutes, list again, unset.
func TestScopelogHTTPMode(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the programs")
	}
	scopelog := e2e.Build(t, "../../cmd/scopelog")
	a := startApp(t, e2e.Build(t, "."), time.Millisecond, "-watch=false")
	a.WaitReload(t, 0)
	url := a.base + "/debug/scopelog"
	run := func(want int, args ...string) (string, string) {
		t.Helper()
		return e2e.Command(t, want, scopelog, args...)
	}

	out, _ := run(0, "list", "-url", url)
	if !strings.HasPrefix(out, "NAME         LEVEL  RULE  EXPIRES  WRITTEN\nclock        info   -     -        0/0\n") || !strings.Contains(out, "\nno overrides\n") {
		t.Errorf("list:\n%s", out)
	}

	from := a.Len()
	out, _ = run(0, "set", "-url", url, "saas.client", "-for", "15m")
	re := regexp.MustCompile(`^override saas.client=debug until (\S+) \(in 1[45]m\d+s\)\n` +
		`NAME         LEVEL       RULE      EXPIRES\n` +
		`saas.client  info→debug  override  (\S+) \(in 1[45]m\d+s\)\n$`)
	m := re.FindStringSubmatch(out)
	if m == nil || m[1] != m[2] {
		t.Fatalf("set:\n%s", out)
	}
	_, ack := a.Wait(t, from, "the acknowledgement", func(e e2e.Entry) bool {
		return e.Logger == "scopelog" && strings.HasPrefix(e.String("by"), "http 127.0.0.1:")
	})
	if changed := ack.Strings("changed"); len(changed) != 1 || !strings.HasPrefix(changed[0], "saas.client: info→debug") {
		t.Errorf("acknowledgement: %s", ack.Line)
	}
	a.do(t, "GET", "/report", 200)
	a.Wait(t, from, "a debug line of saas.client", func(e e2e.Entry) bool { return e.Logger == "saas.client" && e.Level == "debug" })

	out, _ = run(0, "list", "-url", url)
	if !strings.Contains(out, "saas.client  debug  override  "+m[1]) || !strings.Contains(out, "OVERRIDE     LEVEL  UNTIL\nsaas.client  debug  "+m[1]) {
		t.Errorf("list after set:\n%s", out)
	}

	out, _ = run(0, "unset", "-url", url, "saas.client")
	if want := "override saas.client cleared\nNAME         LEVEL       RULE  EXPIRES\nsaas.client  debug→info  -     -\n"; out != want {
		t.Errorf("unset:\n%s\nwant\n%s", out, want)
	}
	_, errOut := run(1, "unset", "-url", url, "saas.client")
	if want := "scopelog unset: DELETE " + url + "?pattern=saas.client: 404 Not Found: no override for pattern \"saas.client\"\n"; errOut != want {
		t.Errorf("second unset: %q, want %q", errOut, want)
	}
}
