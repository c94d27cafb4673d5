package scopehttp

import (
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
)

// app logs a debug line through saas.client and db for each request.
type app struct {
	saas, db *component.Logger
}

func (a app) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.saas.Ctx(r.Context()).Debug("call", zap.String("path", r.URL.Path))
	a.db.Ctx(r.Context()).DebugEvent().Str("path", r.URL.Path).Msg("query")
	w.Header().Set("Content-Type", "text/plain")
	w.Write([]byte("report for " + r.URL.Path))
}

func sign(t *testing.T, key []byte, pattern string, lvl zapcore.Level, until time.Time) string {
	t.Helper()
	tok, err := Sign(key, pattern, lvl, until)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// shape is what a response shows a client: everything but Date.
func shape(t *testing.T, resp *http.Response) string {
	t.Helper()
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
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

func fetch(t *testing.T, url string, header http.Header) string {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for k, vs := range header {
		req.Header[k] = vs
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return shape(t, resp)
}

func TestValidTokenDebugsItsRequestOnly(t *testing.T) {
	var s sink
	a := app{s.logger("saas.client"), s.logger("db")}
	srv := serve(t, NewHandler(a, WithKey(testKey)))
	tok := sign(t, testKey, "saas", zapcore.DebugLevel, time.Now().Add(time.Hour))
	id := strings.SplitN(mustDecode(t, tok), "\n", 2)[0]
	fetch(t, srv.URL+"/granted", http.Header{Header: {tok}, RequestIDHeader: {"r1"}})
	fetch(t, srv.URL+"/plain", http.Header{RequestIDHeader: {"r2"}})
	got := s.entries(t)
	if len(got) != 1 {
		t.Fatalf("entries %v, want one", got)
	}
	if e := got[0]; e["msg"] != "call" || e["path"] != "/granted" || e["scope"] != "grant="+id || e["logger"] != "saas.client" {
		t.Errorf("entry %v", e)
	}
}

func TestTokenWithConditionAndLevel(t *testing.T) {
	var s sink
	a := app{s.logger("saas.client"), s.logger("db")}
	// The program adds tenant after authentication, inside the handler.
	auth := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := component.WithScope(r.Context(), "tenant", r.URL.Query().Get("tenant"))
		a.ServeHTTP(w, r.WithContext(ctx))
	})
	srv := serve(t, NewHandler(auth, WithKey(testKey)))
	tok := sign(t, testKey, "*[tenant=acme]", zapcore.DebugLevel, time.Now().Add(time.Hour))
	fetch(t, srv.URL+"/a?tenant=acme", http.Header{Header: {tok}})
	fetch(t, srv.URL+"/b?tenant=globex", http.Header{Header: {tok}})
	if got := s.messages(t); !slices.Equal(got, []string{"call", "query"}) {
		t.Fatalf("messages %q", got)
	}
	for _, e := range s.entries(t) {
		if e["path"] != "/a" {
			t.Errorf("entry of the other tenant: %v", e)
		}
	}
}

func mustDecode(t *testing.T, tok string) string {
	t.Helper()
	p := strings.Split(strings.TrimPrefix(tok, "v1."), ".")[0]
	b, err := base64.RawURLEncoding.DecodeString(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// forge re-signs nothing: it changes the payload of tok and keeps its MAC.
func forge(t *testing.T, tok string, change func(string) string) string {
	t.Helper()
	parts := strings.Split(tok, ".")
	return parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(change(mustDecode(t, tok)))) + "." + parts[2]
}

// macWith signs payload with key, as Sign would without its checks.
func macWith(key []byte, payload string) string {
	return "v1." + base64.RawURLEncoding.EncodeToString([]byte(payload)) + "." + base64.RawURLEncoding.EncodeToString(mac(key, payload))
}

func TestIgnoredTokensChangeNothing(t *testing.T) {
	now := time.Now()
	good := sign(t, testKey, "*", zapcore.DebugLevel, now.Add(time.Hour))
	otherKey := []byte(strings.Repeat("k", 40))
	cases := []struct {
		name   string
		noKey  bool
		tokens []string
		why    reason
	}{
		{"tampered payload", false, []string{forge(t, good, func(p string) string { return strings.Replace(p, "\n*", "\ndb", 1) })}, badSignature},
		{"tampered level", false, []string{forge(t, sign(t, testKey, "*", zapcore.InfoLevel, now.Add(time.Hour)), func(p string) string { return strings.Replace(p, "info", "debug", 1) })}, badSignature},
		{"tampered signature", false, []string{good[:len(good)-2] + flip(good[len(good)-2:])}, badSignature},
		{"wrong key", false, []string{sign(t, otherKey, "*", zapcore.DebugLevel, now.Add(time.Hour))}, badSignature},
		{"expired", false, []string{macWith(testKey, "0123456789abcdef\ndebug\n"+itoa(int(now.Add(-time.Second).Unix()))+"\n*")}, expired},
		{"too far ahead", false, []string{macWith(testKey, "0123456789abcdef\ndebug\n"+itoa(int(now.Add(25*time.Hour).Unix()))+"\n*")}, tooFar},
		{"too long", false, []string{macWith(testKey, "0123456789abcdef\ndebug\n"+itoa(int(now.Add(time.Hour).Unix()))+"\n"+strings.Repeat("a.", 400)+"b")}, tooLong},
		{"garbage base64", false, []string{"v1.!!!.???"}, malformed},
		{"no version", false, []string{strings.TrimPrefix(good, "v1.")}, malformed},
		{"signed garbage", false, []string{macWith(testKey, "not a payload")}, malformed},
		{"two headers", false, []string{good, good}, malformed},
		{"no key configured", true, []string{good}, noKey},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var s sink
			a := app{s.logger("saas.client"), s.logger("db")}
			var opts []Option
			if !c.noKey {
				opts = append(opts, WithKey(testKey))
			}
			warned := &sink{}
			opts = append(opts, WithLogger(warned.logger("scopehttp")))
			srv := serve(t, NewHandler(a, opts...))
			before := stats.ignored[c.why].Load()
			plain := fetch(t, srv.URL+"/r", http.Header{RequestIDHeader: {"same"}})
			with := fetch(t, srv.URL+"/r", http.Header{RequestIDHeader: {"same"}, Header: c.tokens})
			if with != plain {
				t.Errorf("the response differs from one without the header:\n%s\n--- without:\n%s", with, plain)
			}
			if got := s.entries(t); len(got) != 0 {
				t.Errorf("the header turned debug on: %v", got)
			}
			if n := stats.ignored[c.why].Load() - before; n != 1 {
				t.Errorf("counter %s rose by %d, want 1", c.why, n)
			}
			w := warned.entries(t)
			if len(w) != 1 || w[0]["level"] != "warn" || w[0]["reason"] != c.why.String() {
				t.Errorf("warnings %v", w)
			}
		})
	}
	// The good token itself is accepted, so that the cases above fail
	// for what they change.
	if _, why := check(testKey, good, now, DefaultMaxGrant); why != accepted {
		t.Fatalf("the good token is refused: %s", why)
	}
}

func flip(s string) string {
	b := []byte(s)
	if b[0] == 'A' {
		b[0] = 'B'
	} else {
		b[0] = 'A'
	}
	return string(b)
}

func TestWarnAtMostOnceAMinute(t *testing.T) {
	var mu sync.Mutex
	now := time.Now()
	clock := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return now
	}
	var warned sink
	h := NewHandler(http.NotFoundHandler(), WithKey(testKey), WithLogger(warned.logger("scopehttp")), withClock(clock))
	send := func(tok string) {
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set(Header, tok)
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
	send("garbage")
	send("v1.x.y")
	send("garbage")
	mu.Lock()
	now = now.Add(59 * time.Second)
	mu.Unlock()
	send("garbage")
	if w := warned.entries(t); len(w) != 1 || w[0]["ignored"] != 1.0 {
		t.Fatalf("within a minute: %v", w)
	}
	mu.Lock()
	now = now.Add(time.Second)
	mu.Unlock()
	send(sign(t, []byte(strings.Repeat("z", 32)), "db", zapcore.DebugLevel, now.Add(time.Hour)))
	w := warned.entries(t)
	if len(w) != 2 || w[1]["ignored"] != 4.0 || w[1]["reason"] != "bad_signature" {
		t.Fatalf("after a minute: %v", w)
	}
}

func TestSignRefuses(t *testing.T) {
	now := time.Now()
	for _, c := range []struct {
		name    string
		key     []byte
		pattern string
		lvl     zapcore.Level
		until   time.Time
		want    string
	}{
		{"short key", testKey[:31], "db", zapcore.DebugLevel, now.Add(time.Hour), "at least 32"},
		{"bad pattern", testKey, "db..pool", zapcore.DebugLevel, now.Add(time.Hour), "column"},
		{"bad condition", testKey, "db[tenant=]", zapcore.DebugLevel, now.Add(time.Hour), "column"},
		{"past", testKey, "db", zapcore.DebugLevel, now.Add(-time.Minute), "has passed"},
		{"too far", testKey, "db", zapcore.DebugLevel, now.Add(25 * time.Hour), "more than 24h0m0s ahead"},
		{"bad level", testKey, "db", zapcore.InvalidLevel, now.Add(time.Hour), "expected debug"},
		{"too long", testKey, "a" + strings.Repeat(".b", 400), zapcore.DebugLevel, now.Add(time.Hour), "at most 1024"},
	} {
		if _, err := Sign(c.key, c.pattern, c.lvl, c.until); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.want)
		}
	}
}

func TestWithMaxGrant(t *testing.T) {
	now := time.Now()
	tok := sign(t, testKey, "db", zapcore.DebugLevel, now.Add(2*time.Hour))
	if _, why := check(testKey, tok, now, time.Hour); why != tooFar {
		t.Errorf("a token beyond WithMaxGrant: %s", why)
	}
	var s sink
	a := app{s.logger("saas.client"), s.logger("db")}
	srv := serve(t, NewHandler(a, WithKey(testKey), WithMaxGrant(time.Hour), WithLogger(s.logger("scopehttp"))))
	fetch(t, srv.URL, http.Header{Header: {tok}})
	if got := s.messages(t); len(got) != 1 || !strings.HasPrefix(got[0], "ignored") {
		t.Errorf("entries %q", got)
	}
}

func TestWithKeyPanicsOnShortKey(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	WithKey(make([]byte, 31))
}
