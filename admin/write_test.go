package admin

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

func TestPut(t *testing.T) {
	for _, method := range []string{"PUT", "POST"} {
		t.Run(method, func(t *testing.T) {
			f := newFixture(t)
			s := f.state(f.do(method, "/", `{"pattern":"saas.client","for":"2m"}`))
			if got, want := f.levels(s), "clock=debug@components:1 http=info@ saas.client=debug@override"; got != want {
				t.Errorf("levels %s, want %s", got, want)
			}
			until := f.now.Add(2 * time.Minute).UTC()
			if len(s.Overrides) != 1 || s.Overrides[0] != (Override{"saas.client", zapcore.DebugLevel, until}) {
				t.Errorf("overrides %+v, want saas.client until %v", s.Overrides, until)
			}
			for _, c := range s.Components {
				if c.Name == "saas.client" && !c.Expires.Equal(until) {
					t.Errorf("saas.client expires %v, want %v", c.Expires, until)
				}
			}
			// The registry itself, not only the answer.
			if o := f.reg.Overrides(); len(o) != 1 || o[0].Pattern != "saas.client" || !o[0].Until.Equal(until) {
				t.Errorf("registry overrides %+v", o)
			}
		})
	}
}

func TestPutLogsWhoAsked(t *testing.T) {
	f := newFixture(t)
	f.state(f.do("PUT", "/", `{"pattern":"http","for":"1m"}`))
	acks := f.logs.FilterLoggerName("scopelog").FilterField(zap.String("by", "http 127.0.0.1:5555")).All()
	if len(acks) != 1 {
		t.Fatalf("%d acknowledgements by the client, want 1; all logs: %v", len(acks), f.logs.All())
	}
}

func TestPutDefaultsAndForms(t *testing.T) {
	for _, tc := range []struct {
		body  string
		level zapcore.Level
		after time.Duration // Until - now; 0 means the until below
	}{
		{`{"pattern":"http"}`, zapcore.DebugLevel, time.Hour},
		{`{"pattern":"http","level":"WARN","for":"90s"}`, zapcore.WarnLevel, 90 * time.Second},
		{`{"pattern":"http","level":"error","for":"1500ms"}`, zapcore.ErrorLevel, 1500 * time.Millisecond},
		{`{"pattern":"http","until":"UNTIL"}`, zapcore.DebugLevel, 0},
	} {
		f := newFixture(t)
		until := f.now.Add(3 * time.Hour).UTC()
		body := strings.Replace(tc.body, "UNTIL", until.Format(time.RFC3339), 1)
		s := f.state(f.do("PUT", "/", body))
		if tc.after != 0 {
			until = f.now.Add(tc.after).UTC()
		}
		if len(s.Overrides) != 1 || s.Overrides[0] != (Override{"http", tc.level, until}) {
			t.Errorf("%s: overrides %+v, want http=%v until %v", body, s.Overrides, tc.level, until)
		}
	}
}

func TestPutReplaces(t *testing.T) {
	f := newFixture(t)
	f.state(f.do("PUT", "/", `{"pattern":"http","for":"1m"}`))
	s := f.state(f.do("PUT", "/", `{"pattern":"http","level":"error","for":"5m"}`))
	if len(s.Overrides) != 1 || s.Overrides[0].Level != zapcore.ErrorLevel || !s.Overrides[0].Until.Equal(f.now.Add(5*time.Minute)) {
		t.Errorf("overrides %+v", s.Overrides)
	}
}

func TestPutBadInput(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct{ body, want string }{
		{`{"pattern":"http"`, "malformed request: unexpected EOF"},
		{`{"pattern":http}`, "malformed request: invalid character"},
		{`["http"]`, "malformed request: json: cannot unmarshal array"},
		{`{"pattern":"http","verbose":true}`, `malformed request: json: unknown field "verbose"`},
		{`{"pattern":"http"} {}`, "malformed request: data after the JSON object"},
		{``, "empty body: expected a JSON object"},
		{`{"level":"debug"}`, `missing "pattern"`},
		{`{"pattern":"Saas..client"}`, "registry: "},
		{`{"pattern":"http","level":"verbose"}`, `unknown level "verbose": expected debug, info, warn, error, dpanic, panic or fatal`},
		{`{"pattern":"http","for":"15 minutes"}`, `"for": invalid duration "15 minutes": expected a duration such as 90s, 15m, 1h30m or 2d`},
		{`{"pattern":"http","for":"-5m"}`, `"for": duration "-5m" too short: expected at least 1s`},
		{`{"pattern":"http","for":"0"}`, `"for": duration "0" too short: expected at least 1s`},
		{`{"pattern":"http","for":"999ms"}`, `"for": duration "999ms" too short: expected at least 1s`},
		{`{"pattern":"http","for":"2d"}`, "registry: until "},
		{`{"pattern":"http","for":"1.5d"}`, `"for": invalid duration "1.5d"`},
		{`{"pattern":"http","for":"25h"}`, "registry: "},
		{`{"pattern":"http","for":"1m","until":"2026-11-26T15:00:00Z"}`, `both "for" and "until": expected one of them`},
		{`{"pattern":"http","until":"tomorrow"}`, `"until": invalid time "tomorrow": expected an RFC 3339 time with an offset or Z, such as 2026-11-26T15:00:00Z`},
		{`{"pattern":"http","until":"9999-12-31T23:00:00-01:00"}`, `"until": time "9999-12-31T23:00:00-01:00" out of range: expected a year from 1970 to 9999 in UTC`},
		{`{"pattern":"http","until":"2001-01-01T00:00:00Z"}`, "registry: "},
		{`{"pattern":"http","until":"` + time.Now().Add(48*time.Hour).UTC().Format(time.RFC3339) + `"}`, "registry: "},
	} {
		w := f.do("PUT", "/", tc.body)
		t.Run(tc.body, func(t *testing.T) { errorBody(t, w, http.StatusBadRequest, tc.want) })
	}
	if o := f.reg.Overrides(); len(o) != 0 {
		t.Errorf("bad input set overrides %+v", o)
	}
}

func TestPutContentType(t *testing.T) {
	f := newFixture(t)
	for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/json-patch"} {
		w := f.do("PUT", "/", `{"pattern":"http"}`, "Content-Type", ct)
		if ct == "" {
			// The fixture sets JSON; remove it.
			req := httptest.NewRequest("PUT", "/", strings.NewReader(`{"pattern":"http"}`))
			req.RemoteAddr, req.Host = "127.0.0.1:1", "localhost"
			w = httptest.NewRecorder()
			f.h.ServeHTTP(w, req)
		}
		errorBody(t, w, http.StatusUnsupportedMediaType, "expected application/json")
	}
	// Parameters are fine.
	f.state(f.do("POST", "/", `{"pattern":"http"}`, "Content-Type", "application/json; charset=utf-8"))
	if len(f.reg.Overrides()) != 1 {
		t.Error("no override after the one good request")
	}
}

func TestPutBodyLimit(t *testing.T) {
	f := newFixture(t)
	big := `{"pattern":"http","level":"` + strings.Repeat("x", MaxBody) + `"}`
	errorBody(t, f.do("PUT", "/", big), http.StatusRequestEntityTooLarge, "request body over 65536 bytes")

	// With no Content-Length, the reader stops at the limit.
	req := httptest.NewRequest("PUT", "/", io.MultiReader(strings.NewReader(big)))
	req.RemoteAddr, req.Host = "127.0.0.1:1", "localhost"
	req.Header.Set("Content-Type", "application/json")
	if req.ContentLength != -1 && req.ContentLength != 0 {
		t.Fatalf("ContentLength %d: the test means an unknown length", req.ContentLength)
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, req)
	errorBody(t, w, http.StatusRequestEntityTooLarge, "request body over 65536 bytes")

	// Just under the limit is read, and judged on its content.
	ok := `{"pattern":"http","for":"1m"}` + strings.Repeat(" ", MaxBody-len(`{"pattern":"http","for":"1m"}`))
	f.state(f.do("PUT", "/", ok))
	if len(f.reg.Overrides()) != 1 {
		t.Error("a body of exactly MaxBody bytes was refused")
	}
}

func TestDelete(t *testing.T) {
	f := newFixture(t)
	f.state(f.do("PUT", "/", `{"pattern":"clock","level":"error","for":"1m"}`))
	f.state(f.do("PUT", "/", `{"pattern":"http","for":"1m"}`))

	s := f.state(f.do("DELETE", "/?pattern=clock", ""))
	// clock falls back to its file rule.
	if got, want := f.levels(s), "clock=debug@components:1 http=debug@override saas.client=info@"; got != want {
		t.Errorf("levels %s, want %s", got, want)
	}
	errorBody(t, f.do("DELETE", "/?pattern=clock", ""), http.StatusNotFound, `no override for pattern "clock"`)
	errorBody(t, f.do("DELETE", "/?pattern=", ""), http.StatusBadRequest, "empty pattern")

	f.state(f.do("PUT", "/", `{"pattern":"saas","for":"1m"}`))
	s = f.state(f.do("DELETE", "/?all=true", ""))
	if len(s.Overrides) != 0 || len(f.reg.Overrides()) != 0 {
		t.Errorf("overrides left after DELETE of all: %+v", s.Overrides)
	}
	if got, want := f.levels(s), "clock=debug@components:1 http=info@ saas.client=info@"; got != want {
		t.Errorf("levels %s, want %s", got, want)
	}
	// Clearing nothing is not an error.
	f.state(f.do("DELETE", "/?all=true", ""))
}

func TestMethodNotAllowed(t *testing.T) {
	f := newFixture(t)
	for _, m := range []string{"PATCH", "OPTIONS", "TRACE", "CONNECT"} {
		w := f.do(m, "/", "")
		errorBody(t, w, http.StatusMethodNotAllowed, "method "+m+" not allowed")
		if got := w.Header().Get("Allow"); got != "GET, HEAD, PUT, POST, DELETE" {
			t.Errorf("%s: Allow %q", m, got)
		}
	}
}

func TestBadFormat(t *testing.T) {
	f := newFixture(t)
	errorBody(t, f.do("GET", "/?format=yaml", ""), http.StatusBadRequest, `unknown format "yaml": expected json or text`)
}

func TestWriteAnswersInText(t *testing.T) {
	f := newFixture(t)
	w := f.do("PUT", "/?format=text", `{"pattern":"http","for":"1m"}`)
	if w.Code != 200 || !strings.Contains(w.Body.String(), "http         debug  override") {
		t.Errorf("status %d, body\n%s", w.Code, w.Body)
	}
}
