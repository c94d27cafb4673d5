package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/scopelog/scopelog/component"
)

// fakeClock is a clock that moves only when told, shared by the API and
// the client so that token expiry needs no waiting.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// secretRE matches the token and cookie values the fake API issues; their
// fingerprints ("[redacted 5e1a9c04]") do not match.
var secretRE = regexp.MustCompile(`(?:tok|sess)_[0-9a-f]{8,}`)

// fingerprintRE matches what the component writes in a secret's place.
var fingerprintRE = regexp.MustCompile(`^\[redacted [0-9a-f]{8}\]$`)

// saasFixture is a fake API served over real HTTP on loopback, and a
// client of it logging at Debug. It records every secret the API sends.
type saasFixture struct {
	api    *saasAPI
	client *saasClient
	logs   *observer.ObservedLogs
	clock  *fakeClock

	mu      sync.Mutex
	secrets []string
}

func newSaaSFixture(t *testing.T, level zapcore.Level) *saasFixture {
	t.Helper()
	f := &saasFixture{clock: &fakeClock{now: time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)}}
	apiLog, _ := observed("saas.api", zapcore.DebugLevel)
	f.api = newSaaSAPI(apiLog)
	f.api.now = f.clock.Now
	inner := f.api.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		inner.ServeHTTP(rec, r)
		f.mu.Lock()
		f.secrets = append(f.secrets, secretRE.FindAllString(rec.Body.String(), -1)...)
		f.secrets = append(f.secrets, secretRE.FindAllString(strings.Join(rec.Header().Values("Set-Cookie"), "\n"), -1)...)
		f.mu.Unlock()
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = io.Copy(w, rec.Body)
	}))
	clientLog, logs := observed("saas.client", level)
	f.logs = logs
	f.client = newSaaSClient(srv.URL, demoClientID, demoClientSecret, clientLog)
	f.client.now = f.clock.Now
	t.Cleanup(func() {
		f.client.Close()
		srv.Close()
		f.checkNoSecrets(t)
	})
	return f
}

// checkNoSecrets fails the test if any log line holds a token, a cookie or
// the client secret.
func (f *saasFixture) checkNoSecrets(t *testing.T) {
	t.Helper()
	f.mu.Lock()
	secrets := append([]string{demoClientSecret}, f.secrets...)
	f.mu.Unlock()
	if len(secrets) == 1 {
		t.Error("the API issued no token or cookie: the check would prove nothing")
	}
	for _, e := range f.logs.All() {
		line := encoded(t, e)
		for _, s := range secrets {
			if strings.Contains(line, s) {
				t.Errorf("a log line holds the secret %q: %s", s, line)
			}
		}
		if m := secretRE.FindString(line); m != "" {
			t.Errorf("a log line holds %q: %s", m, line)
		}
	}
}

func (f *saasFixture) messages() []string { return messages(f.logs.All()) }

func (f *saasFixture) count(msg string) int {
	return f.logs.FilterMessage(msg).Len()
}

func TestClientReusesItsToken(t *testing.T) {
	f := newSaaSFixture(t, zapcore.DebugLevel)
	for range 3 {
		rep, err := f.client.Report(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Rows) != 2 || rep.Rows[0].Account != "acme" {
			t.Fatalf("report = %+v", rep)
		}
	}
	if n := f.count("logged in"); n != 1 {
		t.Errorf("logged in %d times, want 1\n%q", n, f.messages())
	}
	if n := f.count("reusing session token"); n != 2 {
		t.Errorf("reused the token %d times, want 2\n%q", n, f.messages())
	}
	// The token is logged by its fingerprint: the one the login returned,
	// and the one each reuse sends in its Authorization header.
	token, cookie := f.issued("tok_"), f.issued("sess_")
	fp := component.NewRedactor(component.RedactConfig{}).Fingerprint
	logged := f.logs.FilterMessage("logged in").All()[0].ContextMap()
	reuse := f.logs.FilterMessage("reusing session token").All()[0].ContextMap()
	if logged["token"] != fp(token) || reuse["token"] != fp(token) {
		t.Errorf("token fields %q and %q, want the fingerprint %s of the token issued", logged["token"], reuse["token"], fp(token))
	}
	req := f.logs.FilterMessage("request").All()
	last := req[len(req)-1].ContextMap()
	if h, _ := last["headers"].(map[string]any); h["Authorization"] != "Bearer "+fp(token) {
		t.Errorf("headers field = %v, want the token's fingerprint after Bearer", last["headers"])
	}
	// The cookie the API set at login is sent back, by its fingerprint.
	if c, _ := last["cookie"].(map[string]any); len(c) != 1 || c["saas_affinity"] != fp(cookie) {
		t.Errorf("cookie field = %v, want the affinity cookie's fingerprint", last["cookie"])
	}
}

// issued returns the one secret with prefix that the API issued.
func (f *saasFixture) issued(prefix string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var found []string
	for _, s := range f.secrets {
		if strings.HasPrefix(s, prefix) && !slices.Contains(found, s) {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		panic(fmt.Sprintf("the API issued %q, want one %s secret", found, prefix))
	}
	return found[0]
}

func TestClientLogsInAgainWhenTheTokenExpires(t *testing.T) {
	f := newSaaSFixture(t, zapcore.DebugLevel)
	if _, err := f.client.Report(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(defaultTokenTTL - expirySkew - time.Second)
	if _, err := f.client.Report(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := f.count("logged in"); n != 1 {
		t.Fatalf("logged in %d times before expiry, want 1\n%q", n, f.messages())
	}
	f.clock.Advance(2 * time.Second) // within expirySkew of the expiry
	if _, err := f.client.Report(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := f.count("session token expired or about to: logging in again"); n != 1 {
		t.Errorf("expiry noticed %d times, want 1\n%q", n, f.messages())
	}
	if n := f.count("logged in"); n != 2 {
		t.Errorf("logged in %d times, want 2\n%q", n, f.messages())
	}
}

func TestClientLogsInAgainOn401(t *testing.T) {
	f := newSaaSFixture(t, zapcore.DebugLevel)
	if _, err := f.client.Report(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.api.SetV2(false) // same shape, but every session revoked
	f.logs.TakeAll()
	if _, err := f.client.Report(context.Background()); err != nil {
		t.Fatalf("a revoked token should be replaced: %v", err)
	}
	want := []string{
		"reusing session token", "request", "response",
		"401 on a reused session token: logging in again, then retrying once",
		"no session token: logging in", "request", "response", "logged in",
		"request", "response",
	}
	if got := f.messages(); !slices.Equal(got, want) {
		t.Errorf("messages:\n got %q\nwant %q", got, want)
	}
}

// TestClientNewLoginShape is the scenario of the example: the API moves the
// token, the client fails with an uninformative 401, and only its debug
// lines say why.
func TestClientNewLoginShape(t *testing.T) {
	f := newSaaSFixture(t, zapcore.DebugLevel)
	if _, err := f.client.Report(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.api.SetV2(true)
	f.logs.TakeAll()
	_, err := f.client.Report(context.Background())
	if err == nil || err.Error() != "saas: GET /v1/report: 401 Unauthorized" {
		t.Fatalf("Report error = %v, want the bare 401", err)
	}
	want := []string{
		"reusing session token", "request", "response",
		"401 on a reused session token: logging in again, then retrying once",
		"no session token: logging in", "request", "response",
		"login response not understood", "logged in",
		"request", "response",
		"401 on a session token just obtained: giving up",
		"GET /v1/report failed",
	}
	if got := f.messages(); !slices.Equal(got, want) {
		t.Errorf("messages:\n got %q\nwant %q", got, want)
	}
	cause := f.logs.FilterMessage("login response not understood").All()
	if len(cause) != 1 {
		t.Fatalf("%d 'not understood' lines, want 1", len(cause))
	}
	fields := cause[0].ContextMap()
	if got, want := fields["shape"], `{"data":{"expires_in":number,"token":string},"token_type":string}`; got != want {
		t.Errorf("shape = %v, want %v", got, want)
	}
	if got := fields["unknown_fields"]; !slices.Equal(toStrings(got), []string{"data"}) {
		t.Errorf("unknown_fields = %v, want [data]", got)
	}
	if got := fields["problems"]; !slices.Equal(toStrings(got), []string{"no access_token", "no expires_in"}) {
		t.Errorf("problems = %v", got)
	}
	// Once in this state, every call fails the same way, without a retry.
	f.logs.TakeAll()
	if _, err := f.client.Report(context.Background()); err == nil {
		t.Fatal("Report succeeded against the new shape")
	}
	if n := f.count("401 on a reused session token: logging in again, then retrying once"); n != 0 {
		t.Errorf("retried with an empty token, which is never reused\n%q", f.messages())
	}
	// And the fix of the API (or of the client) brings it back.
	f.api.SetV2(false)
	if _, err := f.client.Report(context.Background()); err != nil {
		t.Fatalf("after the API's fix: %v", err)
	}
}

func toStrings(v any) []string {
	a, _ := v.([]any)
	out := make([]string, len(a))
	for i, s := range a {
		out[i], _ = s.(string)
	}
	return out
}

func TestClientIsQuietAtInfo(t *testing.T) {
	f := newSaaSFixture(t, zapcore.InfoLevel)
	if _, err := f.client.Report(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.api.SetV2(true)
	if _, err := f.client.Report(context.Background()); err == nil {
		t.Fatal("Report succeeded against the new shape")
	}
	// Nothing but the failure, at Error.
	if got := f.messages(); !slices.Equal(got, []string{"GET /v1/report failed"}) {
		t.Errorf("the client at Info logged %q, want the failure alone", got)
	}
}

func TestClientLogsInOnceForConcurrentRequests(t *testing.T) {
	f := newSaaSFixture(t, zapcore.DebugLevel)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Go(func() {
			_, err := f.client.Report(context.Background())
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if n := f.count("logged in"); n != 1 {
		t.Errorf("logged in %d times, want 1", n)
	}
}

func TestClientLoginRefused(t *testing.T) {
	f := newSaaSFixture(t, zapcore.DebugLevel)
	f.client.secret = "wrong"
	_, err := f.client.Report(context.Background())
	if err == nil || err.Error() != "saas: login: 401 Unauthorized" {
		t.Errorf("Report error = %v, want the login's 401", err)
	}
	f.client.secret = demoClientSecret
	if _, err := f.client.Report(context.Background()); err != nil {
		t.Fatal(err) // and gives the secrets check something to check
	}
}

func TestClientAPIDown(t *testing.T) {
	log, logs := observed("saas.client", zapcore.DebugLevel)
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	c := newSaaSClient(srv.URL, demoClientID, demoClientSecret, log)
	defer c.Close()
	_, err := c.Report(context.Background())
	if err == nil || !strings.HasPrefix(err.Error(), "saas: POST /oauth/token: ") {
		t.Errorf("Report error = %v", err)
	}
	if logs.FilterMessage("request failed").Len() != 1 {
		t.Errorf("no 'request failed' line: %q", messages(logs.All()))
	}
}

func TestReadLogin(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		token      string
		ttl        time.Duration
		problems   []string // nil: no "not understood" line
		unknown    []string
	}{
		{name: "v1", body: `{"access_token":"tok_a","expires_in":60,"token_type":"Bearer","scope":"r"}`, token: "tok_a", ttl: time.Minute},
		{name: "v2", body: `{"data":{"token":"tok_a","expires_in":60},"token_type":"Bearer"}`,
			problems: []string{"no access_token", "no expires_in"}, unknown: []string{"data"}},
		{name: "string expiry", body: `{"access_token":"tok_a","expires_in":"60"}`, token: "tok_a",
			problems: []string{"expires_in is not a number"}},
		{name: "numeric token", body: `{"access_token":42,"expires_in":60}`, ttl: time.Minute,
			problems: []string{"access_token is not a string"}},
		{name: "extra field", body: `{"access_token":"tok_a","expires_in":1.5,"refresh_token":"r"}`, token: "tok_a",
			ttl: 1500 * time.Millisecond, problems: []string{}, unknown: []string{"refresh_token"}},
		{name: "html", body: `<html>502</html>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			log, logs := observed("saas.client", zapcore.DebugLevel)
			c := &saasClient{log: log}
			token, ttl := c.readLogin(context.Background(), []byte(tc.body))
			if token != tc.token || ttl != tc.ttl {
				t.Errorf("readLogin = %q, %v; want %q, %v", token, ttl, tc.token, tc.ttl)
			}
			lines := logs.All()
			if tc.name == "html" {
				if len(lines) != 1 || lines[0].Message != "login response not understood: not a JSON object" {
					t.Errorf("lines = %q", messages(lines))
				}
				return
			}
			if tc.problems == nil && tc.unknown == nil {
				if len(lines) != 0 {
					t.Errorf("a response understood logged %q", messages(lines))
				}
				return
			}
			if len(lines) != 1 {
				t.Fatalf("lines = %q, want one", messages(lines))
			}
			m := lines[0].ContextMap()
			if got := toStrings(m["problems"]); !slices.Equal(got, tc.problems) {
				t.Errorf("problems = %q, want %q", got, tc.problems)
			}
			if got := toStrings(m["unknown_fields"]); !slices.Equal(got, tc.unknown) && len(got)+len(tc.unknown) > 0 {
				t.Errorf("unknown_fields = %q, want %q", got, tc.unknown)
			}
		})
	}
}
