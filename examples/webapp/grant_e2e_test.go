//go:build unix

package main

import (
	"encoding/base64"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/scopelog/scopelog/examples/internal/e2e"
)

// TestGrantEndToEnd is the walkthrough of one request's debug lines
// across services, against the real programs: the operator signs a
// header with scopelog grant and sends one request with it; that request
// writes the debug lines of saas.client in the app and of saas.api in the
// "other service", each with its grant, while a concurrent request stays
// quiet. A forged and an expired header change nothing: same response,
// no line. Then, with the recorder on, the first 500 writes that
// request's own debug lines, and a request that succeeds writes none.
func TestGrantEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the programs")
	}
	scopelog := e2e.Build(t, "../../cmd/scopelog")
	key := filepath.Join(t.TempDir(), "debug.key")
	if err := os.WriteFile(key, []byte("a demo key of at least thirty-two bytes\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	a := startApp(t, e2e.Build(t, "."), time.Millisecond, "-watch=false", "-debug-key", key, "-recorder", "100")
	a.WaitReload(t, 0)

	out, _ := e2e.Command(t, 0, scopelog, "grant", "-key", key, "-for", "10m", "saas")
	name, tok, ok := strings.Cut(strings.TrimSpace(out), ": ")
	if !ok || name != "Scopelog-Debug" {
		t.Fatalf("grant printed %q", out)
	}

	// The granted request and a concurrent one without the header.
	from := a.Len()
	var wg sync.WaitGroup
	for _, c := range []struct{ tenant, header string }{{"acme", tok}, {"globex", ""}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a.get(t, "/report?tenant="+c.tenant, c.header, "")
		}()
	}
	wg.Wait()
	n := 0 // Wait shows match each entry once, in order
	a.Wait(t, from, "both request lines", func(e e2e.Entry) bool {
		if e.Logger == "http" && e.Msg == "request" {
			n++
		}
		return n == 2
	})
	lines := a.Since(from)
	d := debugLines(lines)
	loggers := map[string]bool{}
	var grant string
	for _, e := range d {
		loggers[e.Logger] = true
		if grant == "" {
			grant = e.String("scope")
		}
		if !strings.HasPrefix(e.String("scope"), "grant=") || e.String("scope") != grant {
			t.Errorf("a debug line without the grant's scope: %s", e.Line)
		}
		if e.String("tenant") == "globex" || strings.Contains(e.Line, `"account":"globex"`) {
			t.Errorf("the request without the header wrote: %s", e.Line)
		}
	}
	if !loggers["saas.client"] || !loggers["saas.api"] {
		t.Fatalf("the grant did not follow the request into both services; debug lines:\n%v", d)
	}

	// A forged header and an expired one: the response is the one
	// without a header, and no line is written.
	short, _ := e2e.Command(t, 0, scopelog, "grant", "-key", key, "-for", "1s", "saas")
	_, expired, _ := strings.Cut(strings.TrimSpace(short), ": ")
	forged := tok[:len(tok)-4] + flipChar(tok[len(tok)-4:])
	plain := a.get(t, "/report?tenant=acme", "", "same-id")
	waitPast(t, expired)
	for _, h := range []struct{ what, tok string }{{"forged", forged}, {"expired", expired}} {
		from := a.Len()
		if got := a.get(t, "/report?tenant=acme", h.tok, "same-id"); got != plain {
			t.Errorf("the %s header changed the response:\n%s\n--- without it:\n%s", h.what, got, plain)
		}
		a.served(t, from, "/report")
		if d := debugLines(a.Since(from)); len(d) != 0 {
			t.Errorf("the %s header wrote debug lines: %v", h.what, d)
		}
	}

	// The recorder: acme's SaaS account breaks; its first 500 writes its
	// own debug lines, recorded; globex's success writes none.
	from = a.Len()
	a.do(t, "POST", "/admin/saas/break?tenant=acme", 200)
	a.served(t, from, "/admin/saas/break")
	from = a.Len()
	a.get(t, "/report?tenant=globex", "", "ok-request")
	a.served(t, from, "/report")
	if d := debugLines(a.Since(from)); len(d) != 0 {
		t.Errorf("a request that succeeded wrote debug lines: %v", d)
	}
	from = a.Len()
	if got := a.get(t, "/report?tenant=acme", "", "failing-request"); !strings.HasPrefix(got, "500 ") {
		t.Fatalf("acme's report: %s", got)
	}
	a.served(t, from, "/report")
	lines = a.Since(from)
	intro := slices.IndexFunc(lines, func(e e2e.Entry) bool {
		return strings.Contains(e.Msg, "recorded entries of request failing-request") && e.String("request") == "failing-request"
	})
	if intro < 0 {
		t.Fatalf("no entry introduces the recorded lines:\n%v", lines)
	}
	var cause bool
	for _, e := range debugLines(lines) {
		if e.Fields["recorded"] != true {
			t.Errorf("a debug line of the failing request not recorded: %s", e.Line)
		}
		cause = cause || e.Logger == "saas.client" && e.Msg == "login response not understood"
	}
	if !cause {
		t.Errorf("the recorded lines lack the cause:\n%v", lines)
	}
}

// get sends GET path with the debug header tok and the request id id, if
// given, and returns what the response shows a client: status, headers
// but Date, and body.
func (a *app) get(t *testing.T, path, tok, id string) string {
	t.Helper()
	req, err := http.NewRequest("GET", a.base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if tok != "" {
		req.Header.Set("Scopelog-Debug", tok)
	}
	if id != "" {
		req.Header.Set("X-Request-Id", id)
	}
	resp, err := a.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	h := resp.Header.Clone()
	h.Del("Date")
	var keys []string
	for k, vs := range h {
		keys = append(keys, k+": "+strings.Join(vs, ","))
	}
	slices.Sort(keys)
	return resp.Status + "\n" + strings.Join(keys, "\n") + "\n\n" + string(body)
}

func flipChar(s string) string {
	if s[0] == 'A' {
		return "B" + s[1:]
	}
	return "A" + s[1:]
}

// waitPast waits until the clock is past the until of tok, which its
// payload carries as Unix seconds: v1.<base64url of id, level, until,
// pattern, one a line>.<mac>.
func waitPast(t *testing.T, tok string) {
	t.Helper()
	parts := strings.Split(tok, ".")
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	fields := strings.Split(string(payload), "\n")
	sec, err := strconv.ParseInt(fields[2], 10, 64)
	if err != nil {
		t.Fatalf("token payload %q: %v", payload, err)
	}
	until := time.Unix(sec, 0)
	if time.Until(until) > 2*time.Second {
		t.Fatalf("a token of -for 1s lasts until %v", until)
	}
	// The event awaited is the clock's: no more than a second or two.
	for time.Now().Before(until) {
		time.Sleep(time.Until(until) + time.Millisecond)
	}
}
