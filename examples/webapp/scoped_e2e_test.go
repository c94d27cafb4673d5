//go:build unix

package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/scopelog/scopelog/examples/internal/e2e"
)

// TestScopedEndToEnd is the walkthrough of debug for one tenant, against
// the real programs: two tenants call /report, one breaks, and the
// operator turns on saas.client's debug lines for that tenant alone with
// the scopelog command. Only that tenant's calls write them, each with its
// scope; the other tenant's stay quiet, before and after.
func TestScopedEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the programs")
	}
	scopelog := e2e.Build(t, "../../cmd/scopelog")
	a := startApp(t, e2e.Build(t, "."), time.Millisecond, "-watch=false")
	a.WaitReload(t, 0)
	url := a.base + "/debug/scopelog"

	// report calls /report for a tenant and returns the lines it wrote, up
	// to its request line, the last.
	report := func(tenant string, status int) []e2e.Entry {
		t.Helper()
		from := a.Len()
		a.do(t, "GET", "/report?tenant="+tenant, status)
		i, _ := a.Wait(t, from, "the request line of "+tenant+"'s /report", func(e e2e.Entry) bool {
			return e.Logger == "http" && e.Msg == "request" && e.String("path") == "/report" && e.String("tenant") == tenant
		})
		return a.Since(from)[:i-from+1]
	}
	debugOf := func(lines []e2e.Entry) []e2e.Entry {
		var out []e2e.Entry
		for _, e := range lines {
			if e.Logger == "saas.client" && e.Level == "debug" {
				out = append(out, e)
			}
		}
		return out
	}

	report("acme", 200)
	report("globex", 200)
	from := a.Len()
	a.do(t, "POST", "/admin/saas/break?tenant=acme", 200)
	a.served(t, from, "/admin/saas/break")
	lines := report("acme", 500)
	if d := debugOf(lines); len(d) != 0 {
		t.Fatalf("debug lines before any rule: %v", d)
	}
	var failed bool
	for _, e := range lines {
		failed = failed || e.Logger == "saas.client" && e.Msg == "GET /v1/report failed" && e.String("tenant") == "acme"
	}
	if !failed {
		t.Errorf("no error line naming acme among\n%v", lines)
	}
	report("globex", 200)

	out, _ := e2e.Command(t, 0, scopelog, "set", "-url", url, "saas.client[tenant=acme]", "-for", "10m")
	if !regexp.MustCompile(`^override saas\.client\[tenant=acme\]=debug until \S+ \(in (9m\d+|10m0)s\)\nfor tenant=acme only: saas\.client\n$`).MatchString(out) {
		t.Errorf("set:\n%s", out)
	}

	if d := debugOf(report("globex", 200)); len(d) != 0 {
		t.Errorf("globex's call wrote debug lines: %v", d)
	}
	d := debugOf(report("acme", 500))
	var cause bool
	for _, e := range d {
		if e.String("scope") != "tenant=acme" {
			t.Errorf("a debug line without acme's scope: %s", e.Line)
		}
		cause = cause || e.Msg == "login response not understood" && strings.Contains(e.Line, `"unknown_fields":["data"]`)
	}
	if !cause {
		t.Errorf("acme's debug lines lack the cause:\n%v", d)
	}
	if d := debugOf(report("globex", 200)); len(d) != 0 {
		t.Errorf("globex's call wrote debug lines: %v", d)
	}

	out, _ = e2e.Command(t, 0, scopelog, "list", "-url", url)
	m := regexp.MustCompile(`\nsaas\.client\[tenant=acme\]\s+debug\s+override\s+\S+ \(in \S+\)\s+(\d+)\s+saas\.client\n`).FindStringSubmatch(out)
	if m == nil || m[1] != strconv.Itoa(len(d)) {
		t.Errorf("list, want the scoped rule with %d entries written:\n%s", len(d), out)
	}

	out, _ = e2e.Command(t, 0, scopelog, "unset", "-url", url, "saas.client[tenant=acme]")
	if out != "override saas.client[tenant=acme] cleared\n" {
		t.Errorf("unset: %q", out)
	}
	if d := debugOf(report("acme", 500)); len(d) != 0 {
		t.Errorf("acme's call wrote debug lines after the unset: %v", d)
	}
}
