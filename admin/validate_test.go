package admin

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/registry"
)

// TestRefusedRequestsChangeNothing: a request refused for any part of it,
// its query included, changes nothing; a misspelled or unknown query
// parameter is refused rather than read as absent; clearing every override
// takes an explicit ?all=true.
func TestRefusedRequestsChangeNothing(t *testing.T) {
	f := newFixture(t)
	f.state(f.do("PUT", "/", `{"pattern":"http","for":"1m"}`))
	f.state(f.do("PUT", "/", `{"pattern":"clock","level":"error","for":"1m"}`))
	want := f.reg.Overrides()
	for _, tc := range []struct {
		method, target, body string
		msg                  string
	}{
		{"PUT", "/?format=xml", `{"pattern":"saas","for":"1m"}`, `unknown format "xml": expected json or text`},
		{"POST", "/?format=", `{"pattern":"saas","for":"1m"}`, "empty format"},
		{"PUT", "/?pattern=saas", `{"pattern":"saas","for":"1m"}`, `unknown query parameter "pattern": expected format, flush`},
		{"PUT", "/?format=json&format=text", `{"pattern":"saas","for":"1m"}`, `query parameter "format" given 2 times`},
		{"PUT", "/?%zz", `{"pattern":"saas","for":"1m"}`, "malformed query"},
		{"DELETE", "/?pattern=http&format=xml", "", `unknown format "xml"`},
		{"DELETE", "/?format=yaml", "", `unknown format "yaml"`},
		{"DELETE", "/?all=true&format=yaml", "", `unknown format "yaml"`},
		{"DELETE", "/?Pattern=http", "", `unknown query parameter "Pattern": expected pattern, all, format`},
		{"DELETE", "/?pattern=http&pattern=clock", "", `query parameter "pattern" given 2 times`},
		{"DELETE", "/", "", "DELETE needs ?pattern=PATTERN to clear one override, or ?all=true to clear them all"},
		{"DELETE", "/?format=json", "", "or ?all=true to clear them all"},
		{"DELETE", "/?all", "", `all="": expected all=true`},
		{"DELETE", "/?all=1", "", `all="1": expected all=true`},
		{"DELETE", "/?all=false", "", `all="false": expected all=true`},
		{"DELETE", "/?all=true&pattern=http", "", "both ?pattern= and ?all="},
		{"DELETE", "/?pattern=", "", "registry: empty pattern"},
		{"DELETE", "/?pattern=Http", "", `registry: bad pattern at column 1: invalid character 'H'`},
		{"GET", "/?verbose=1", "", `unknown query parameter "verbose": expected format`},
	} {
		w := f.do(tc.method, tc.target, tc.body)
		t.Run(tc.method+" "+tc.target, func(t *testing.T) { errorBody(t, w, http.StatusBadRequest, tc.msg) })
		if got := f.reg.Overrides(); !slices.EqualFunc(got, want, func(a, b registry.Rule) bool { return a.String() == b.String() }) {
			t.Fatalf("%s %s changed the overrides: %v, want %v", tc.method, tc.target, got, want)
		}
	}
	// The same requests, well formed, do what they say.
	f.state(f.do("DELETE", "/?pattern=http&format=json", ""))
	if got := f.reg.Overrides(); len(got) != 1 || got[0].Pattern != "clock" {
		t.Fatalf("after DELETE ?pattern=http: %v", got)
	}
	f.state(f.do("DELETE", "/?all=true", ""))
	if got := f.reg.Overrides(); len(got) != 0 {
		t.Fatalf("after DELETE ?all=true: %v", got)
	}
}

// TestPutUnmatched: a pattern that covers no registered component is
// refused with 404 and the closest name, unless the request allows it.
func TestPutUnmatched(t *testing.T) {
	f := newFixture(t)
	w := f.do("PUT", "/", `{"pattern":"saas.clinet","for":"1m"}`)
	errorBody(t, w, http.StatusNotFound,
		`registry: no registered component matches saas.clinet; did you mean saas.client? (with "allow_unmatched": true, the override is set anyway, for a component registered later)`)
	if want := `"did_you_mean":"saas.client"}`; !strings.HasSuffix(strings.TrimSpace(w.Body.String()), want) {
		t.Errorf("body %s, want it to end with %s", w.Body, want)
	}
	w = f.do("POST", "/", `{"pattern":"db","for":"1m"}`)
	errorBody(t, w, http.StatusNotFound, "registry: no registered component matches db (with")
	if strings.Contains(w.Body.String(), "did_you_mean") {
		t.Errorf("body %s: a suggestion with none close", w.Body)
	}
	// A refused request, even a well formed one, comes before any check of
	// the pattern: the 400 wins.
	errorBody(t, f.do("PUT", "/?format=xml", `{"pattern":"db","for":"1m"}`), http.StatusBadRequest, "unknown format")
	if o := f.reg.Overrides(); len(o) != 0 {
		t.Fatalf("refused requests set %v", o)
	}
	s := f.state(f.do("PUT", "/", `{"pattern":"db","for":"1m","allow_unmatched":true}`))
	if len(s.Overrides) != 1 || s.Overrides[0].Pattern != "db" {
		t.Fatalf("overrides %+v", s.Overrides)
	}
	if f.reg.Component("db.pool").Level() != zapcore.DebugLevel {
		t.Error("the override does not apply to a component registered later")
	}
	errorBody(t, f.do("POST", "/", `{"flush":"db","allow_unmatched":true}`), http.StatusBadRequest, `"flush" with an override's fields`)
}
