//go:build unix

package main

import (
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/scopelog/scopelog/examples/internal/e2e"
)

// TestRecorderEndToEnd is the demo's flight recorder: with
// "saas.client=info record=50" in the components file from the start, no
// debug line is written, yet the first 500 after the SaaS API changes is
// preceded by saas.client's recorded debug lines, the cause among them.
func TestRecorderEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the app")
	}
	a := startRecording(t, e2e.Build(t, "."), "saas.client=info record=50\n")
	// scopelog.Open loads the file before the app registers its components:
	// saas.client records from its registration on.
	_, ack := a.WaitReload(t, 0)
	if ack.Level != "info" || !strings.HasPrefix(ack.Msg, "components file loaded before any component was registered") {
		t.Fatalf("the first load: %s", ack.Line)
	}
	if state := a.do(t, "GET", "/debug/scopelog", 200); !strings.Contains(state, `{"name":"saas.client","level":"info","rule":"`+a.components+`:1","record":50`) {
		t.Errorf("saas.client does not record: %s", state)
	}

	a.do(t, "GET", "/report", 200)
	a.do(t, "GET", "/", 200)
	a.served(t, 0, "/")
	if d := debugLines(a.Since(0)); len(d) > 0 {
		t.Fatalf("%d debug lines written while saas.client records, the first: %s", len(d), d[0].Line)
	}

	breakAt := a.Len()
	a.do(t, "POST", "/admin/saas/break", 200)
	a.do(t, "GET", "/report", 500)
	failedAt, _ := a.Wait(t, breakAt, "the report's error line", e2e.Msg("http", "report failed"))
	flush := checkFlush(t, a.Since(breakAt)[:failedAt-breakAt+1], time.Time{})
	var msgs []string
	var cause e2e.Entry
	for _, e := range flush.recorded {
		msgs = append(msgs, e.Msg)
		if e.Msg == "login response not understood" {
			cause = e
		}
	}
	// The first report's lines, then the failed one's.
	for _, m := range []string{
		"no session token: logging in", "logged in", "reusing session token",
		"401 on a reused session token: logging in again, then retrying once",
		"login response not understood", "401 on a session token just obtained: giving up",
	} {
		if !slices.Contains(msgs, m) {
			t.Errorf("no recorded line %q among %q", m, msgs)
		}
	}
	if got, want := cause.String("shape"), `{"data":{"expires_in":number,"token":string},"token_type":string}`; got != want {
		t.Errorf("the cause's shape = %q, want %q", got, want)
	}
	t.Logf("the first flush:\n%s", lines(append(append([]e2e.Entry{flush.intro}, flush.recorded...), flush.err)))
	if m := secretRE.FindString(a.Raw()); m != "" {
		t.Errorf("a token or cookie value reached the log: %q", m)
	}

	// The next failure writes only what was recorded since the first.
	from := a.Len()
	a.do(t, "GET", "/report", 500)
	failedAt, _ = a.Wait(t, from, "the second error line", e2e.Msg("http", "report failed"))
	again := checkFlush(t, a.Since(from)[:failedAt-from+1], at(flush.err))
	if len(again.recorded) == 0 || len(again.recorded) >= len(flush.recorded) {
		t.Errorf("the second flush wrote %d entries, the first %d: want only the second request's", len(again.recorded), len(flush.recorded))
	}
}

// startRecording starts the app with a components file that holds content
// from the start.
func startRecording(t *testing.T, bin, content string, args ...string) *app {
	t.Helper()
	components := filepath.Join(t.TempDir(), "components")
	if err := os.WriteFile(components, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	args = append([]string{"-addr", "127.0.0.1:0", "-components", components, "-delay", "10ms", "-watch=false"}, args...)
	p := e2e.Start(t, bin, args...)
	_, ln := p.Wait(t, 0, "the listening line", e2e.Msg("webapp", "listening"))
	return &app{
		Proc:       p,
		components: components,
		base:       "http://" + ln.String("addr"),
		hc:         &http.Client{Timeout: e2e.Deadline, Transport: &http.Transport{DisableKeepAlives: true}},
	}
}

// flushed is one flush of saas.client's recorder, as the log shows it.
type flushed struct {
	intro    e2e.Entry
	recorded []e2e.Entry
	err      e2e.Entry // saas.client's error, which caused the flush
}

// checkFlush finds in entries the flush of saas.client before its error:
// the introduction, the recorded entries right after it, all at debug,
// with recorded=true, in time order, after since and before the error,
// then the error itself. No saas.client debug line appears elsewhere.
func checkFlush(t *testing.T, entries []e2e.Entry, since time.Time) flushed {
	t.Helper()
	var f flushed
	i := slices.IndexFunc(entries, func(e e2e.Entry) bool {
		return e.Logger == "saas.client" && strings.HasSuffix(e.Msg, " recorded entries before this error")
	})
	if i < 0 {
		t.Fatalf("no introduction of saas.client's recorded entries among\n%s", lines(entries))
	}
	f.intro = entries[i]
	for _, e := range entries[i+1:] {
		if e.Logger != "saas.client" || e.Fields["recorded"] != true {
			break
		}
		f.recorded = append(f.recorded, e)
	}
	if j := i + 1 + len(f.recorded); j >= len(entries) || !e2e.Msg("saas.client", "GET /v1/report failed")(entries[j]) {
		t.Fatalf("the recorded entries are not followed by saas.client's error:\n%s", lines(entries))
	} else {
		f.err = entries[j]
	}
	if got := f.err.String("error"); got != "saas: GET /v1/report: 401 Unauthorized" || f.err.Level != "error" {
		t.Errorf("the error line: %s", f.err.Line)
	}
	if want := strings.Fields(f.intro.Msg)[0]; want != strconv.Itoa(len(f.recorded)) {
		t.Errorf("the introduction says %q, and %d entries follow", f.intro.Msg, len(f.recorded))
	}
	if from, to := f.intro.Fields["from"], f.intro.Fields["to"]; len(f.recorded) > 0 && (from != f.recorded[0].Fields["ts"] || to != f.recorded[len(f.recorded)-1].Fields["ts"]) {
		t.Errorf("the introduction spans %v to %v, not the entries' times", from, to)
	}
	prev := since
	for _, e := range f.recorded {
		if e.Level != "debug" {
			t.Errorf("a recorded entry at %s: %s", e.Level, e.Line)
		}
		if ts := at(e); ts.Before(prev) || !ts.Before(at(f.err)) {
			t.Errorf("a recorded entry at %v, want after %v and before the error at %v: %s", ts, prev, at(f.err), e.Line)
		} else {
			prev = ts
		}
	}
	for k, e := range entries {
		if e.Level == "debug" && (k <= i || k > i+len(f.recorded)) {
			t.Errorf("a debug line outside the flush: %s", e.Line)
		}
	}
	return f
}

// at returns an entry's time, which the JSON lines give in seconds since
// the epoch.
func at(e e2e.Entry) time.Time {
	ts, _ := e.Fields["ts"].(float64)
	return time.Unix(0, int64(math.Round(ts*1e9)))
}

func lines(entries []e2e.Entry) string {
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(e.Line + "\n")
	}
	return b.String()
}

// TestRecorderFlushEndToEnd flushes saas.client's recorder on demand, with
// the admin handler's POST and with the scopelog command, and lists what it
// holds, against the real processes.
func TestRecorderFlushEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the programs")
	}
	scopelog := e2e.Build(t, "../../cmd/scopelog")
	a := startRecording(t, e2e.Build(t, "."), "saas.client=info record=50\n")
	a.WaitReload(t, 0)
	url := a.base + "/debug/scopelog"
	run := func(want int, args ...string) (string, string) {
		t.Helper()
		return e2e.Command(t, want, scopelog, args...)
	}

	// The first report logs in and fetches: six debug lines, recorded.
	a.do(t, "GET", "/report", 200)
	a.served(t, 0, "/report")
	out, _ := run(0, "list", "-url", url)
	if !regexp.MustCompile(`^NAME +LEVEL +RULE +EXPIRES +WRITTEN +RECORDED\nclock +info +- +- +0/0 +-\n`).MatchString(out) ||
		!strings.Contains(out, "\nsaas.client  info   "+a.components+":1  -        0/0      6/50\n") {
		t.Errorf("list:\n%s", out)
	}
	out, _ = run(0, "list", "-url", url, "-json")
	if !strings.Contains(out, `{"name":"saas.client","level":"info","rule":"`+a.components+`:1","record":50,"recorded":6}`) {
		t.Errorf("list -json:\n%s", out)
	}

	// POST {"flush": ...}, as curl would send it.
	from := a.Len()
	resp, err := a.hc.Post(url, "application/json", strings.NewReader(`{"flush":"saas.client"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != `{"pattern":"saas.client","flushed":6}`+"\n" {
		t.Fatalf("POST flush: %d %s", resp.StatusCode, body)
	}
	// The handler writes the entries before it answers, so before http's
	// line for the request.
	servedAt := a.served(t, from, "/debug/scopelog")
	introAt, intro := a.Wait(t, from, "the flush's introduction", e2e.Msg("saas.client", "6 recorded entries, written on demand"))
	if introAt > servedAt {
		t.Errorf("the flush was written after the answer")
	}
	var msgs []string
	for _, e := range a.Since(introAt + 1) {
		if e.Logger == "saas.client" && e.Fields["recorded"] == true {
			msgs = append(msgs, e.Msg)
		}
	}
	if want := []string{"no session token: logging in", "request", "response", "logged in", "request", "response"}; !slices.Equal(msgs, want) {
		t.Errorf("flushed %q, want %q", msgs, want)
	}
	if at(intro).Before(at(a.Since(introAt + 1)[0])) {
		t.Errorf("the introduction's time is before its entries'")
	}

	// The command: the next report's lines, then nothing.
	a.do(t, "GET", "/report", 200)
	a.served(t, introAt, "/report")
	if out, _ := run(0, "flush", "-url", url, "saas.client"); out != "flushed 3 recorded entries of saas.client\n" {
		t.Errorf("flush: %q", out)
	}
	if out, _ := run(0, "flush", "-url", url, "*"); out != "flushed 0 recorded entries of *\n" {
		t.Errorf("second flush: %q", out)
	}
	if _, errOut := run(1, "flush", "-url", url, "saas..client"); !strings.HasPrefix(errOut, "scopelog flush: POST "+url+": 400 Bad Request: registry: bad pattern at column 6: empty segment") {
		t.Errorf("flush of a bad pattern: %q", errOut)
	}
	run(2, "flush", "-url", url)
}
