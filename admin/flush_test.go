package admin

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"go.uber.org/zap"
)

// recordingFixture is the fixture with saas.client at info, recording 5
// entries, and holding 3.
func recordingFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	if err := os.WriteFile(f.file, []byte("clock\nsaas.client=info record=5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := f.reg.Reload(); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		f.reg.Component("saas.client").Debug("step")
	}
	return f
}

func TestStateShowsRecording(t *testing.T) {
	f := recordingFixture(t)
	s := f.state(f.do(http.MethodGet, "/", ""))
	for _, c := range s.Components {
		want := [2]int{}
		if c.Name == "saas.client" {
			want = [2]int{5, 3}
		}
		if got := [2]int{c.Record, c.Recorded}; got != want {
			t.Errorf("%s: record, recorded = %v, want %v", c.Name, got, want)
		}
	}
	w := f.do(http.MethodGet, "/?format=text", "")
	want := "NAME         LEVEL  RULE          EXPIRES  WRITTEN  RECORDED\n" +
		"clock        debug  components:1  -        0/0      -\n" +
		"http         info   -             -        0/0      -\n" +
		"saas.client  info   components:2  -        0/0      3/5\n" +
		"scopelog     info   -             -        0/2      -\n"
	if !strings.HasPrefix(w.Body.String(), want) {
		t.Errorf("text:\n%s\nwant it to start with\n%s", w.Body, want)
	}
	// Without recording, the column and the JSON keys are absent.
	f = newFixture(t)
	if w := f.do(http.MethodGet, "/?format=text", ""); strings.Contains(w.Body.String(), "RECORDED") {
		t.Errorf("a RECORDED column with nothing recording:\n%s", w.Body)
	}
	if w := f.do(http.MethodGet, "/", ""); strings.Contains(w.Body.String(), `"record`) {
		t.Errorf("record keys with nothing recording: %s", w.Body)
	}
}

// TestFlushQuery: POST ?flush=PATTERN with an empty body flushes, and
// answers with a Flushed.
func TestFlushQuery(t *testing.T) {
	f := recordingFixture(t)
	w := f.do(http.MethodPost, "/?flush=saas", "")
	if w.Code != http.StatusOK || w.Body.String() != `{"pattern":"saas","flushed":3}`+"\n" || w.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("POST ?flush=saas: %d %s", w.Code, w.Body)
	}
	if n := f.logs.FilterMessage("step").FilterField(recordedField).Len(); n != 3 {
		t.Errorf("%d recorded entries written, want 3", n)
	}
	if w := f.do(http.MethodPost, "/?flush=*", ""); w.Body.String() != `{"pattern":"*","flushed":0}`+"\n" {
		t.Errorf("second flush: %s", w.Body)
	}
	if len(f.reg.Overrides()) != 0 {
		t.Error("a flush set an override")
	}
}

func TestFlushQueryErrors(t *testing.T) {
	f := recordingFixture(t)
	for _, tc := range []struct {
		method, target, body string
		header               []string
		status               int
		msg                  string
	}{
		{"PUT", "/?flush=saas", "", nil, 400, "?flush= needs POST"},
		{"POST", "/?flush=saas", `{"pattern":"saas"}`, nil, 400, "?flush= with a body: expected an empty body"},
		{"POST", "/?flush=saas", " ", nil, 400, "?flush= with a body"},
		{"POST", "/?flush=saas&format=text", "", nil, 400, "?flush= with other query parameters"},
		{"POST", "/?flush=saas&flush=db", "", nil, 400, `query parameter "flush" given 2 times`},
		{"POST", "/?flush=", "", nil, 400, "registry: empty pattern"},
		{"POST", "/?flush=Saas", "", nil, 400, `registry: bad pattern at column 1: invalid character 'S'`},
		{"POST", "/?flush=saas", "", []string{"Content-Type", "application/x-www-form-urlencoded"}, 415, "expected application/json"},
		{"POST", "/?flush=saas", "", []string{"RemoteAddr", "192.0.2.1:5555"}, 403, "only loopback clients"},
		{"POST", "/?flush=saas", "", []string{"Host", "evil.example:8000"}, 403, "DNS rebinding"},
	} {
		w := f.do(tc.method, tc.target, tc.body, tc.header...)
		t.Run(tc.method+" "+tc.target, func(t *testing.T) { errorBody(t, w, tc.status, tc.msg) })
	}
	if st := f.reg.Components(); st[2].Name != "saas.client" || st[2].Recorded != 3 {
		t.Errorf("a refused flush flushed: %+v", st[2])
	}
}

// TestFlush: the deprecated form, {"flush": PATTERN} in a POST's body, keeps
// working.
func TestFlush(t *testing.T) {
	f := recordingFixture(t)
	w := f.do(http.MethodPost, "/", `{"flush":"saas"}`)
	if w.Code != http.StatusOK || w.Body.String() != `{"pattern":"saas","flushed":3}`+"\n" || w.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("POST flush: %d %s", w.Code, w.Body)
	}
	var got Flushed
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil || got != (Flushed{Pattern: "saas", Entries: 3}) {
		t.Errorf("decoded %+v, %v", got, err)
	}
	if n := f.logs.FilterMessage("step").FilterField(recordedField).Len(); n != 3 {
		t.Errorf("%d recorded entries written, want 3", n)
	}
	if w := f.do(http.MethodPost, "/", `{"flush":"*"}`); w.Body.String() != `{"pattern":"*","flushed":0}`+"\n" {
		t.Errorf("second flush: %s", w.Body)
	}
	if len(f.reg.Overrides()) != 0 {
		t.Error("a flush set an override")
	}
}

func TestFlushErrors(t *testing.T) {
	f := recordingFixture(t)
	errorBody(t, f.do(http.MethodPut, "/", `{"flush":"saas"}`), http.StatusBadRequest, `"flush" needs POST`)
	errorBody(t, f.do(http.MethodPost, "/", `{"flush":"saas","pattern":"db"}`), http.StatusBadRequest, `"flush" with an override's fields`)
	errorBody(t, f.do(http.MethodPost, "/", `{"flush":"saas","for":"1m"}`), http.StatusBadRequest, `"flush" with an override's fields`)
	errorBody(t, f.do(http.MethodPost, "/", `{"flush":"Saas"}`), http.StatusBadRequest, `registry: bad pattern at column 1: invalid character 'S'`)
	errorBody(t, f.do(http.MethodPost, "/", `{"flush":"saas.client"}`, "RemoteAddr", "192.0.2.1:5555"), http.StatusForbidden, "")
	if st := f.reg.Components(); st[2].Name != "saas.client" || st[2].Recorded != 3 {
		t.Errorf("a refused flush flushed: %+v", st[2])
	}
}

var recordedField = zap.Bool("recorded", true)
