package admin

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/scopelog/scopelog/registry"
)

// fixture is a registry with a components file "clock" and three
// components, served by the handler, with the clock of the handler stopped.
type fixture struct {
	t    *testing.T
	reg  *registry.Registry
	file string
	logs *observer.ObservedLogs
	h    http.Handler
	now  time.Time
}

func newFixture(t *testing.T, opts ...Option) *fixture {
	t.Helper()
	core, logs := observer.New(zapcore.DebugLevel)
	// A relative path keeps the text form's columns fixed.
	t.Chdir(t.TempDir())
	file := "components"
	if err := os.WriteFile(file, []byte("clock\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	reg := registry.New(registry.WithCore(core), registry.WithFile(file))
	for _, n := range []string{"clock", "http", "saas.client"} {
		reg.Component(n)
	}
	if err := reg.Reload(); err != nil {
		t.Fatal(err)
	}
	// The handler's clock runs up to a second ahead of the registry's, so that
	// an until of "now" plus 1s is in the future for both, and whole.
	f := &fixture{t: t, reg: reg, file: file, logs: logs, now: time.Now().Truncate(time.Second).Add(time.Second)}
	h := Handler(reg, opts...).(*handler)
	h.now = func() time.Time { return f.now }
	f.h = h
	return f
}

// do serves one request from a loopback client for localhost:8000.
func (f *fixture) do(method, target, body string, header ...string) *httptest.ResponseRecorder {
	f.t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	req.RemoteAddr = "127.0.0.1:5555"
	req.Host = "localhost:8000"
	if method == http.MethodPut || method == http.MethodPost {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
		} else if header[i] == "RemoteAddr" {
			req.RemoteAddr = header[i+1]
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, req)
	return w
}

func (f *fixture) state(w *httptest.ResponseRecorder) State {
	f.t.Helper()
	if w.Code != http.StatusOK {
		f.t.Fatalf("status %d, want 200; body %s", w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		f.t.Fatalf("Content-Type %q", ct)
	}
	var s State
	dec := json.NewDecoder(w.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		f.t.Fatal(err)
	}
	return s
}

// levels returns "name=level@rule" for each component but the registry's own.
func (f *fixture) levels(s State) string {
	var out []string
	for _, c := range s.Components {
		if c.Name == registry.SelfName {
			continue
		}
		out = append(out, c.Name+"="+c.Level.String()+"@"+c.Rule)
	}
	return strings.Join(out, " ")
}

// errorBody checks a response is an error of status whose message
// contains want.
func errorBody(t *testing.T, w *httptest.ResponseRecorder, status int, want string) {
	t.Helper()
	if w.Code != status {
		t.Errorf("status %d, want %d; body %s", w.Code, status, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	var e map[string]string
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || len(e) != 1 && (len(e) != 2 || e["did_you_mean"] == "") {
		t.Fatalf("error body %q: want {\"error\": ...} (%v)", w.Body, err)
	}
	if !strings.Contains(e["error"], want) {
		t.Errorf("error %q, want it to contain %q", e["error"], want)
	}
}

func TestGetJSONShape(t *testing.T) {
	f := newFixture(t)
	if err := f.reg.Override("saas.client", zapcore.DebugLevel, f.now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	w := f.do("GET", "/debug/scopelog", "")
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var raw map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	keys := func(m map[string]any) []string {
		var k []string
		for key := range m {
			k = append(k, key)
		}
		slices.Sort(k)
		return k
	}
	if got := keys(raw); !slices.Equal(got, []string{"components", "file", "last_reload", "overrides"}) {
		t.Errorf("keys %q", got)
	}
	until := f.now.Add(time.Hour).UTC().Format(time.RFC3339)
	comps := raw["components"].([]any)
	byName := map[string]map[string]any{}
	for _, c := range comps {
		m := c.(map[string]any)
		byName[m["name"].(string)] = m
	}
	if got, want := byName["clock"], (map[string]any{"name": "clock", "level": "debug", "rule": f.file + ":1"}); !equalJSON(got, want) {
		t.Errorf("clock = %v, want %v", got, want)
	}
	if got, want := byName["http"], (map[string]any{"name": "http", "level": "info", "rule": ""}); !equalJSON(got, want) {
		t.Errorf("http = %v, want %v (no expires key)", got, want)
	}
	if got, want := byName["saas.client"], (map[string]any{"name": "saas.client", "level": "debug", "rule": "override", "expires": until}); !equalJSON(got, want) {
		t.Errorf("saas.client = %v, want %v", got, want)
	}
	wantOverrides := []any{map[string]any{"pattern": "saas.client", "level": "debug", "until": until}}
	if got := raw["overrides"]; !equalJSON(got, wantOverrides) {
		t.Errorf("overrides = %v, want %v", got, wantOverrides)
	}
	if raw["file"] != f.file {
		t.Errorf("file = %v", raw["file"])
	}
	last := raw["last_reload"].(map[string]any)
	if got := keys(last); !slices.Equal(got, []string{"error", "generation", "time"}) {
		t.Errorf("last_reload keys %q", got)
	}
	if last["generation"] != 1.0 || last["error"] != "" {
		t.Errorf("last_reload = %v", last)
	}
	if ts, err := time.Parse(time.RFC3339, last["time"].(string)); err != nil || time.Since(ts) > time.Minute {
		t.Errorf("last_reload.time = %v (%v)", last["time"], err)
	}
	if got := w.Header().Get("Vary"); got != "Accept" {
		t.Errorf("Vary %q", got)
	}
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func TestEmptyListsAreArrays(t *testing.T) {
	reg := registry.New(registry.WithCore(zapcore.NewNopCore()))
	req := httptest.NewRequest("GET", "/", nil)
	req.RemoteAddr, req.Host = "[::1]:80", "localhost"
	w := httptest.NewRecorder()
	Handler(reg).ServeHTTP(w, req)
	want := `{"components":[{"name":"scopelog","level":"info","rule":""}],"overrides":[],"file":"","last_reload":{"generation":0,"error":""}}` + "\n"
	if w.Body.String() != want {
		t.Errorf("body\n%s\nwant\n%s", w.Body, want)
	}
}

func TestGetText(t *testing.T) {
	f := newFixture(t)
	until := f.now.Add(2 * time.Minute)
	if err := f.reg.Override("saas.client", zapcore.DebugLevel, until); err != nil {
		t.Fatal(err)
	}
	f.now = f.now.Add(time.Second)
	last := f.reg.LastReload().Time.UTC().Format(time.RFC3339)
	u := until.UTC().Format(time.RFC3339)
	want := "" +
		"NAME         LEVEL  RULE          EXPIRES                          WRITTEN\n" +
		"clock        debug  components:1  -                                0/0\n" +
		"http         info   -             -                                0/0\n" +
		"saas.client  debug  override      " + u + " (in 1m59s)  0/0\n" +
		"scopelog     info   -             -                                0/2\n" +
		"\n" +
		"OVERRIDE     LEVEL  UNTIL\n" +
		"saas.client  debug  " + u + " (in 1m59s)\n" +
		"\n" +
		"last reload: " + last + ", generation 1, ok (file " + f.file + ")\n"
	for _, tc := range []struct{ target, accept string }{
		{"/?format=text", ""},
		{"/", "text/plain"},
		{"/", "text/plain;q=0.9, application/json;q=0.8"},
	} {
		w := f.do("GET", tc.target, "", "Accept", tc.accept)
		if w.Code != 200 || w.Header().Get("Content-Type") != "text/plain; charset=utf-8" {
			t.Errorf("%s Accept %q: status %d, Content-Type %q", tc.target, tc.accept, w.Code, w.Header().Get("Content-Type"))
		}
		if w.Body.String() != want {
			t.Errorf("%s Accept %q: body\n%s\nwant\n%s", tc.target, tc.accept, w.Body, want)
		}
	}
	// JSON wins when it comes first, and by default.
	for _, accept := range []string{"application/json, text/plain", "*/*", ""} {
		f.state(f.do("GET", "/", "", "Accept", accept))
	}
}
