package admin

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/scopelog/scopelog/component"
)

// A scoped pattern sets a scoped override, which the state lists apart,
// with what it covers and what it has let through, and DELETE clears.
func TestScopedOverrides(t *testing.T) {
	f := newFixture(t)
	s := f.state(f.do("PUT", "/debug/scopelog", `{"pattern":"saas[tenant=acme]","for":"15m"}`))
	if got := f.levels(s); got != "clock=debug@components:1 http=info@ saas.client=info@" {
		t.Errorf("levels = %s: a scoped override changes none", got)
	}
	until := f.now.Add(15 * time.Minute).UTC()
	if len(s.Overrides) != 1 || s.Overrides[0].Pattern != "saas[tenant=acme]" {
		t.Errorf("overrides = %+v", s.Overrides)
	}
	if len(s.Scoped) != 1 {
		t.Fatalf("scoped = %+v", s.Scoped)
	}
	if sc := s.Scoped[0]; sc.Pattern != "saas[tenant=acme]" || sc.Rule != "override" || !sc.Until.Equal(until) ||
		strings.Join(sc.Components, ",") != "saas.client" || sc.Written != 0 {
		t.Errorf("scoped = %+v", sc)
	}

	client := f.reg.Component("saas.client")
	client.Ctx(component.WithScope(context.Background(), "tenant", "acme")).Debug("written")
	client.Ctx(component.WithScope(context.Background(), "tenant", "globex")).Debug("not")
	s = f.state(f.do("GET", "/debug/scopelog", ""))
	if s.Scoped[0].Written != 1 {
		t.Errorf("written = %d, want 1", s.Scoped[0].Written)
	}

	w := f.do("GET", "/debug/scopelog?format=text", "")
	u := until.Format(time.RFC3339)
	want := "\n" +
		"SCOPED RULE        LEVEL  RULE      UNTIL                            WRITTEN  COMPONENTS\n" +
		"saas[tenant=acme]  debug  override  " + u + " (in 15m0s)  1        saas.client\n"
	if !strings.Contains(w.Body.String(), want) {
		t.Errorf("text form\n%s\nwant it to hold\n%s", w.Body, want)
	}

	s = f.state(f.do("DELETE", "/debug/scopelog?pattern="+url.QueryEscape("saas[tenant=acme]"), ""))
	if len(s.Overrides) != 0 || len(s.Scoped) != 0 {
		t.Errorf("after DELETE: %+v %+v", s.Overrides, s.Scoped)
	}
	errorBody(t, f.do("PUT", "/debug/scopelog", `{"pattern":"saas[tenant=a b]"}`), 400, `condition "[tenant=a b]": invalid character ' ' in a scope value`)
	// A typo of the components is refused as in any pattern, with the
	// suggestion keeping the condition.
	w = f.do("PUT", "/debug/scopelog", `{"pattern":"sass[tenant=acme]"}`)
	errorBody(t, w, 404, "no registered component matches sass[tenant=acme]")
	if want := `"did_you_mean":"saas[tenant=acme]"}`; !strings.HasSuffix(strings.TrimSpace(w.Body.String()), want) {
		t.Errorf("body %s, want it to end with %s", w.Body, want)
	}
}
