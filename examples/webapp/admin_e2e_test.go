//go:build unix

package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scopelog/scopelog/admin"
	"github.com/scopelog/scopelog/examples/internal/e2e"
)

// TestAdminEndToEnd runs the app as a real process and drives it with curl's
// requests alone: it lists the components, turns saas.client on for two
// minutes with no components file and no signal, and off again.
func TestAdminEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the app")
	}
	a := startApp(t, e2e.Build(t, "."), time.Millisecond, "-watch=false")
	a.WaitReload(t, 0)
	url := a.base + "/debug/scopelog"

	// curl -s localhost:8000/debug/scopelog?format=text
	status, body := a.send(t, "GET", url+"?format=text", "", "")
	if status != 200 {
		t.Fatalf("GET: %d %s", status, body)
	}
	// WRITTEN counts the entries each component wrote, debug/total: the
	// start-up lines so far, all written before "listening": scopelog's
	// are the reload's acknowledgement and "admin socket ready".
	lines := strings.Split(body, "\n")
	wantRows := []string{
		"NAME         LEVEL  RULE  EXPIRES  WRITTEN",
		"clock        info   -     -        0/0",
		"http         info   -     -        0/0",
		"saas.api     info   -     -        0/1",
		"saas.client  info   -     -        0/0",
		"scopehttp    info   -     -        0/0", // the warnings of the signed headers
		"scopelog     info   -     -        0/2",
		"webapp       info   -     -        0/2",
		"",
		"no overrides",
		"",
	}
	if len(lines) < len(wantRows) || !slices.Equal(lines[:len(wantRows)], wantRows) {
		t.Errorf("text form:\n%s\nwant it to start with\n%s", body, strings.Join(wantRows, "\n"))
	}
	if last := lines[len(wantRows)]; !strings.HasPrefix(last, "last reload: ") || !strings.HasSuffix(last, ", generation 1, ok (file "+a.components+")") {
		t.Errorf("last reload line %q", last)
	}

	// curl -X PUT -H 'Content-Type: application/json' -d '{"pattern":"saas.client","for":"2m"}' ...
	from := a.Len()
	put := time.Now()
	status, body = a.send(t, "PUT", url, "application/json", `{"pattern":"saas.client","for":"2m"}`)
	done := time.Now()
	if status != 200 {
		t.Fatalf("PUT: %d %s", status, body)
	}
	var s admin.State
	if err := json.Unmarshal([]byte(body), &s); err != nil {
		t.Fatal(err)
	}
	// The process counts from when it got the request, to the second.
	for _, c := range s.Components {
		if c.Name != "saas.client" {
			continue
		}
		if c.Level.String() != "debug" || c.Rule != "override" || c.Expires.Before(put.Add(2*time.Minute-time.Second)) || c.Expires.After(done.Add(2*time.Minute)) {
			t.Errorf("saas.client after the PUT: %+v", c)
		}
	}
	ackAt, ack := a.Wait(t, from, "the acknowledgement of the override", func(e e2e.Entry) bool {
		return e.Logger == "scopelog" && strings.HasPrefix(e.String("by"), "http 127.0.0.1:")
	})
	if changed := ack.Strings("changed"); len(changed) != 1 || !strings.HasPrefix(changed[0], "saas.client: info→debug") {
		t.Errorf("acknowledgement: %s", ack.Line)
	}
	from = ackAt + 1

	// The client's debug lines, with no file and no signal.
	if _, err := os.Stat(a.components); !os.IsNotExist(err) {
		t.Fatalf("a components file exists (%v): the test proves nothing", err)
	}
	a.do(t, "POST", "/admin/saas/break", 200)
	a.do(t, "GET", "/report", 500)
	a.served(t, from, "/report")
	a.Wait(t, from, "the cause, at debug", e2e.Msg("saas.client", "login response not understood"))
	onlyFrom(t, a.Since(from), "saas.client")

	// And off again.
	from = a.Len()
	status, body = a.send(t, "DELETE", url+"?pattern=saas.client", "", "")
	if status != 200 || !strings.Contains(body, `{"name":"saas.client","level":"info","rule":"",`) {
		t.Fatalf("DELETE: %d %s", status, body)
	}
	if status, body = a.send(t, "DELETE", url+"?pattern=saas.client", "", ""); status != 404 || body != `{"error":"no override for pattern \"saas.client\""}`+"\n" {
		t.Errorf("second DELETE: %d %s", status, body)
	}
	a.Wait(t, from, "the acknowledgement of the clear", func(e e2e.Entry) bool {
		changed := e.Strings("changed")
		return e.Logger == "scopelog" && len(changed) == 1 && strings.HasPrefix(changed[0], "saas.client: debug→info")
	})
	next := a.Len()
	a.do(t, "GET", "/report", 500)
	a.served(t, next, "/report")
	if d := debugLines(a.Since(next)); len(d) > 0 {
		t.Errorf("debug lines after the override was cleared: %s", d[0].Line)
	}

	// A page that rebinds its own name to 127.0.0.1 is refused.
	req, _ := http.NewRequest("GET", url, nil)
	req.Host = "evil.example"
	if status, body = a.exchange(t, req); status != 403 {
		t.Errorf("Host evil.example: %d %s", status, body)
	}
}

// send makes one request with an optional body, and returns the status and
// the body of the answer.
func (a *app) send(t *testing.T, method, url, contentType, body string) (int, string) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return a.exchange(t, req)
}

func (a *app) exchange(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := a.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}
