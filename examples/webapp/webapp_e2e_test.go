//go:build unix

package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/scopelog/scopelog/examples/internal/e2e"
)

// TestEndToEnd builds the app, runs it as a real process on a free port,
// talks to it over real HTTP, reloads it with real signals and file saves,
// and reads its JSON log lines.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the app")
	}
	bin := e2e.Build(t, ".")
	t.Run("signal", func(t *testing.T) {
		t.Parallel()
		testSignal(t, bin)
	})
	t.Run("watcher", func(t *testing.T) {
		t.Parallel()
		testWatcher(t, bin)
	})
}

// app is the running program and the means to drive it.
type app struct {
	*e2e.Proc
	components string
	base       string // "http://127.0.0.1:port"
	hc         *http.Client
}

func startApp(t *testing.T, bin string, delay time.Duration, args ...string) *app {
	t.Helper()
	components := filepath.Join(t.TempDir(), "components")
	args = append([]string{"-addr", "127.0.0.1:0", "-components", components, "-delay", delay.String()}, args...)
	p := e2e.Start(t, bin, args...)
	_, ln := p.Wait(t, 0, "the listening line", e2e.Msg("webapp", "listening"))
	if pid, _ := ln.Int("pid"); int(pid) != p.Pid() {
		t.Errorf("the listening line gives pid %d, want %d", pid, p.Pid())
	}
	return &app{
		Proc:       p,
		components: components,
		base:       "http://" + ln.String("addr"),
		// No idle connection outlives the test.
		hc: &http.Client{Timeout: e2e.Deadline, Transport: &http.Transport{DisableKeepAlives: true}},
	}
}

// result is the outcome of one HTTP request.
type result struct {
	status int
	body   string
	err    error
}

func (a *app) request(method, path string) result {
	req, err := http.NewRequest(method, a.base+path, nil)
	if err != nil {
		return result{err: err}
	}
	resp, err := a.hc.Do(req)
	if err != nil {
		return result{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return result{status: resp.StatusCode, body: string(b), err: err}
}

// do sends a request and checks its status.
func (a *app) do(t *testing.T, method, path string, status int) string {
	t.Helper()
	r := a.request(method, path)
	if r.err != nil {
		t.Fatalf("%s %s: %v", method, path, r.err)
	}
	if r.status != status {
		t.Fatalf("%s %s: status %d, want %d; body %q", method, path, r.status, status, r.body)
	}
	return r.body
}

// served waits for the http component's line for a request to path, the
// last line the app writes for it, and returns its index.
func (a *app) served(t *testing.T, from int, path string) int {
	t.Helper()
	i, _ := a.Wait(t, from, "the request line of "+path, func(e e2e.Entry) bool {
		return e.Logger == "http" && e.Msg == "request" && e.String("path") == path
	})
	return i
}

// apply writes the components file as `echo ... > components` would,
// sends sig, and returns the acknowledgement of the reload it causes.
func (a *app) apply(t *testing.T, content string, sig os.Signal) (int, e2e.Entry) {
	t.Helper()
	gen := a.Generation()
	if err := os.WriteFile(a.components, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	a.Signal(t, sig)
	return a.WaitReload(t, gen)
}

func checkAck(t *testing.T, ack e2e.Entry, changed ...string) {
	t.Helper()
	if ack.Level != "info" || ack.Msg != "components reloaded" {
		t.Fatalf("reload not acknowledged as a success: %s", ack.Line)
	}
	if got := ack.Strings("changed"); !slices.Equal(got, changed) {
		t.Errorf("changed = %q, want %q", got, changed)
	}
}

func debugLines(entries []e2e.Entry) []e2e.Entry {
	var out []e2e.Entry
	for _, e := range entries {
		if e.Level == "debug" {
			out = append(out, e)
		}
	}
	return out
}

// clockLines returns the clock's debug lines as "in for loop 3".
func clockLines(entries []e2e.Entry) []string {
	var out []string
	for _, e := range debugLines(entries) {
		if e.Logger == "clock" {
			i, _ := e.Int("i")
			out = append(out, fmt.Sprintf("%s %d", e.Msg, i))
		}
	}
	return out
}

func onlyFrom(t *testing.T, entries []e2e.Entry, logger string) {
	t.Helper()
	for _, e := range debugLines(entries) {
		if e.Logger != logger {
			t.Errorf("a debug line of %s, where only %s's should appear: %s", e.Logger, logger, e.Line)
		}
	}
}

func testSignal(t *testing.T, bin string) {
	// Each request to / lasts 10 × 100 ms, which leaves time to change a
	// rule while it runs.
	a := startApp(t, bin, 100*time.Millisecond, "-watch=false")
	usr1 := syscall.SIGUSR1

	t.Run("announces the command", func(t *testing.T) {
		_, e := a.Wait(t, 0, "the announcement", func(e e2e.Entry) bool { return e.Logger == "webapp" && e.String("command") != "" })
		want := fmt.Sprintf("echo saas.client > %s && kill -USR1 %d", a.components, a.Pid())
		if got := e.String("command"); got != want {
			t.Errorf("command = %q, want %q", got, want)
		}
		_, ack := a.WaitReload(t, 0)
		if ack.Msg != "components file not found; every component at its default level" {
			t.Errorf("first reload: %s", ack.Line)
		}
	})

	t.Run("no debug line before any rule", func(t *testing.T) {
		a.do(t, "GET", "/healthz", 200)
		a.do(t, "GET", "/report", 200)
		a.do(t, "GET", "/", 200)
		a.served(t, 0, "/")
		if d := debugLines(a.Since(0)); len(d) > 0 {
			t.Errorf("%d debug lines with no rule, the first: %s", len(d), d[0].Line)
		}
	})

	t.Run("clock, and only clock", func(t *testing.T) {
		from, ack := a.apply(t, "clock\n", usr1)
		checkAck(t, ack, "clock: info→debug")
		a.do(t, "GET", "/report", 200)
		a.do(t, "GET", "/", 200)
		a.do(t, "GET", "/healthz", 200)
		a.served(t, from, "/healthz")
		entries := a.Since(from)
		onlyFrom(t, entries, "clock")
		if got, want := clockLines(entries), wantIterations(0, 9); !slices.Equal(got, want) {
			t.Errorf("clock lines:\n got %q\nwant %q", got, want)
		}
	})

	t.Run("rule removed while a request is in flight", func(t *testing.T) {
		from := a.Len()
		res := make(chan result, 1)
		go func() { res <- a.request("GET", "/") }()
		a.Wait(t, from, "iteration 2 of the request", func(e e2e.Entry) bool {
			i, _ := e.Int("i")
			return e.Logger == "clock" && e.Msg == "in for loop" && i == 2
		})
		ackAt, ack := a.apply(t, "", usr1)
		checkAck(t, ack, "clock: debug→info")
		if r := <-res; r.err != nil || r.status != 200 {
			t.Fatalf("GET / = %d %v", r.status, r.err)
		}
		doneAt := a.served(t, from, "/")
		if doneAt < ackAt {
			t.Fatalf("the request ended before the reload; the test proves nothing")
		}
		got := clockLines(a.Since(from)[:ackAt-from])
		if len(got) < 5 || !slices.Equal(got, wantIterations(0, 9)[:len(got)]) || len(got) >= 20 {
			t.Errorf("clock lines before the reload: %q, want the early iterations only", got)
		}
		if d := debugLines(a.Since(ackAt)); len(d) > 0 {
			t.Errorf("%d debug lines after the rule was removed, the first: %s", len(d), d[0].Line)
		}
	})

	t.Run("rule added while a request is in flight", func(t *testing.T) {
		// http's debug line shows the request has arrived, before clock is on.
		_, ack := a.apply(t, "http\n", usr1)
		checkAck(t, ack, "http: info→debug")
		from := a.Len()
		res := make(chan result, 1)
		go func() { res <- a.request("GET", "/") }()
		receivedAt, _ := a.Wait(t, from, "the request's arrival", func(e e2e.Entry) bool {
			return e.Logger == "http" && e.Msg == "request received" && e.String("path") == "/"
		})
		ackAt, ack := a.apply(t, "http\nclock\n", usr1)
		checkAck(t, ack, "clock: info→debug")
		if r := <-res; r.err != nil || r.status != 200 {
			t.Fatalf("GET / = %d %v", r.status, r.err)
		}
		a.served(t, from, "/")
		if receivedAt > ackAt {
			t.Fatal("the request arrived after the reload")
		}
		if before := clockLines(a.Since(from)[:ackAt-from]); len(before) > 0 {
			t.Errorf("clock lines before its rule: %q", before)
		}
		// The remaining iterations of the same request, through the last.
		got := clockLines(a.Since(ackAt))
		all := wantIterations(0, 9)
		if len(got) == 0 || !slices.Equal(got, all[len(all)-len(got):]) {
			t.Errorf("clock lines after the reload: %q, want the last iterations", got)
		}
		_, ack = a.apply(t, "", usr1)
		checkAck(t, ack, "clock: debug→info", "http: debug→info")
	})

	t.Run("saas.client, and never a token", func(t *testing.T) {
		from, ack := a.apply(t, "saas.client\n", usr1)
		checkAck(t, ack, "saas.client: info→debug")
		a.do(t, "GET", "/report", 200)
		a.do(t, "POST", "/admin/saas/break", 200)
		if body := a.do(t, "GET", "/report", 500); body != "report failed\n" {
			t.Errorf("body of the 500: %q", body)
		}
		a.do(t, "GET", "/", 200)
		a.served(t, from, "/")
		entries := a.Since(from)
		onlyFrom(t, entries, "saas.client")

		var msgs []string
		var cause e2e.Entry
		for _, e := range debugLines(entries) {
			msgs = append(msgs, e.Msg)
			if e.Msg == "login response not understood" {
				cause = e
			}
		}
		for _, m := range []string{
			"reusing session token",
			"401 on a reused session token: logging in again, then retrying once",
			"login response not understood",
			"401 on a session token just obtained: giving up",
		} {
			if !slices.Contains(msgs, m) {
				t.Errorf("no debug line %q among %q", m, msgs)
			}
		}
		if got, want := cause.String("shape"), `{"data":{"expires_in":number,"token":string},"token_type":string}`; got != want {
			t.Errorf("the cause's shape = %q, want %q", got, want)
		}
		// The Error line says only what failed, not why.
		_, failed := a.Wait(t, from, "the report's error line", e2e.Msg("http", "report failed"))
		if got := failed.String("error"); got != "saas: GET /v1/report: 401 Unauthorized" {
			t.Errorf("error = %q", got)
		}

		raw := a.Raw()
		if m := secretRE.FindString(raw); m != "" {
			t.Errorf("a token or cookie value reached the log: %q", m)
		}
		// The token shows as its fingerprint, and the fingerprint shows its
		// reuse: the token used before the API revoked its sessions is the
		// one reused after, in the Authorization header too; the login
		// after that returned an empty token, which shows as empty.
		var reused []string
		issued := "none"
		for _, e := range debugLines(entries) {
			switch e.Msg {
			case "logged in":
				issued = e.String("token")
			case "reusing session token":
				reused = append(reused, e.String("token"))
			}
		}
		if len(reused) != 2 || !fingerprintRE.MatchString(reused[0]) || reused[1] != reused[0] {
			t.Errorf("reused token fingerprints %q, want one fingerprint twice", reused)
		}
		if issued != "" {
			t.Errorf("the login after the API's change returned the token %q, want an empty one", issued)
		}
		if len(reused) > 0 && !strings.Contains(raw, `"Authorization":"Bearer `+reused[0]+`"`) {
			t.Errorf("no Authorization header carrying %s in the log", reused[0])
		}

		a.do(t, "POST", "/admin/saas/fix", 200)
		a.do(t, "GET", "/report", 200)
		_, ack = a.apply(t, "", usr1)
		checkAck(t, ack, "saas.client: debug→info")
	})

	t.Run("malformed file keeps the levels", func(t *testing.T) {
		_, ack := a.apply(t, "clock\n", usr1)
		checkAck(t, ack, "clock: info→debug")
		from, ack := a.apply(t, "clock\nsaas.client=verbose\n", usr1)
		if ack.Level != "error" || ack.Msg != "components reload failed; levels unchanged" {
			t.Fatalf("a bad file acknowledged as %s", ack.Line)
		}
		errRE := regexp.MustCompile(`^` + regexp.QuoteMeta(a.components) + `:2:\d+: .*"verbose"`)
		if got := ack.String("error"); !errRE.MatchString(got) {
			t.Errorf("error = %q, want it to name %s:2:<col> and the bad level", got, a.components)
		}
		a.do(t, "GET", "/", 200)
		a.served(t, from, "/")
		if got := clockLines(a.Since(from)); !slices.Equal(got, wantIterations(0, 9)) {
			t.Errorf("clock lines after the failed reload: %q, want all of them", got)
		}
		_, ack = a.apply(t, "", usr1)
		checkAck(t, ack, "clock: debug→info")
	})

	t.Run("SIGTERM shuts down", func(t *testing.T) {
		a.Signal(t, syscall.SIGTERM)
		if err := a.WaitExit(t); err != nil {
			t.Fatalf("exit: %v", err)
		}
		a.Wait(t, 0, "the stopped line", e2e.Msg("webapp", "stopped"))
		// Nothing the process wrote, on either stream, holds a token or a
		// cookie's value, from start to exit.
		if m := secretRE.FindString(a.Raw() + a.Stdout()); m != "" {
			t.Errorf("a token or cookie value reached the output: %q", m)
		}
	})
}

func testWatcher(t *testing.T, bin string) {
	a := startApp(t, bin, 20*time.Millisecond, "-signal", "USR2")
	_, e := a.Wait(t, 0, "the announcement", func(e e2e.Entry) bool { return e.Logger == "webapp" && e.String("command") != "" })
	if want := fmt.Sprintf(" && kill -USR2 %d", a.Pid()); !strings.HasSuffix(e.String("command"), want) {
		t.Errorf("command = %q, want it to end with %q", e.String("command"), want)
	}
	a.WaitReload(t, 0)

	t.Run("save, no signal", func(t *testing.T) {
		gen := a.Generation()
		e2e.WriteAtomic(t, a.components, "clock\n")
		from, ack := a.WaitReload(t, gen)
		checkAck(t, ack, "clock: info→debug")
		oneAck(t, a, gen)
		a.do(t, "GET", "/", 200)
		a.served(t, from, "/")
		if got := clockLines(a.Since(from)); !slices.Equal(got, wantIterations(0, 9)) {
			t.Errorf("clock lines: %q", got)
		}
	})

	t.Run("the signal works beside the watcher", func(t *testing.T) {
		// The file is unchanged, so only the signal can cause this reload.
		gen := a.Generation()
		a.Signal(t, syscall.SIGUSR2)
		_, ack := a.WaitReload(t, gen)
		checkAck(t, ack)
	})

	// README's quick start: echo saas.client > components && kill -USR1.
	// The watcher sees the same save; the registry has already read it, so
	// the operator gets one acknowledgement, not a second with no change.
	t.Run("a save and a signal: one acknowledgement", func(t *testing.T) {
		for _, tt := range []struct{ content, changed string }{
			{"saas.client\nclock\n", "saas.client: info→debug"},
			{"clock\n", "saas.client: debug→info"},
		} {
			gen := a.Generation()
			if err := os.WriteFile(a.components, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			a.Signal(t, syscall.SIGUSR2)
			_, ack := a.WaitReload(t, gen)
			checkAck(t, ack, tt.changed)
			oneAck(t, a, gen)
		}
	})

	t.Run("save again", func(t *testing.T) {
		gen := a.Generation()
		e2e.WriteAtomic(t, a.components, "# quiet again\n")
		_, ack := a.WaitReload(t, gen)
		checkAck(t, ack, "clock: debug→info")
	})
}

// oneAck checks that exactly one reload follows generation gen: once the
// first has come, none more for many of the watcher's quiet periods (100 ms
// each), the time in which a second acknowledgement used to follow.
func oneAck(t *testing.T, a *app, gen int64) {
	t.Helper()
	end := time.Now().Add(10 * 100 * time.Millisecond)
	for time.Now().Before(end) {
		if got := a.Generation(); got != gen+1 {
			t.Fatalf("%d acknowledgements after generation %d, want 1", got-gen, gen)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
