package registry

import (
	"errors"
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"",
		"saas.client\n",
		"db=info\nhttp.*.retry=debug\n*=warn\n",
		"# comment\n\n  db.pool = info # spaced\n",
		"db=verbose",
		"db ttl=5m",
		"a..b", "*", "*.*.*=FATAL\r\n", "db=\n", "=x", "café=info", "db=debug=info",
		"x\x00y", "\t\v\f", strings.Repeat("a.", 100) + "a",
		"db until=2026-11-26T15:00:00Z\n", "db=info until=2026-11-26T15:00:00.123+01:00 # c\n",
		"db until=2026-11-26T15:00:00Z until=2026-11-26T15:00:00Z", "db until=", "db until=2026-02-30T00:00:00Z",
		"saas.client for=15m", "db expires=2026-11-26T15:00:00Z", "db duration=3d", "db for=x",
		"a until=9999-12-31T23:59:59.999999999Z\nb until=1970-01-01T00:00:00-23:59\n",
		"saas.client[tenant=acme]=debug\n", "*[request=7f3a9c]\n", "db[tenant=acme,user=ops@example.com]=info record=5 until=2026-12-03T18:00:00Z\n",
		"db[]=debug", "db[a=1", "db[a=1]x=debug", "[a=1]", "db[a=1][b=2]=info", "db[a=1,a=2]", "db[a=1,]", "db[A=1]", "db[a=\x00]",
		"db[a=1]=", "db.*[ip=2001:db8::1]=warn", "db[a=1]]=debug", "db]=debug",
		"db=debug limit=100/s\n", "db limit=5/m record=3 until=2026-11-26T15:00:00Z", "db limit=100", "db limit=0/s", "db limit=1/h",
		"db[tenant=acme]=debug limit=10/s", "db[a=1] limit=5/m",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		rules, err := Parse("f", []byte(src))
		lines := strings.Count(src, "\n") + 1
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T is not a *SyntaxError: %v", err, err)
			}
			if se.File != "f" || se.Line < 1 || se.Line > lines || se.Col < 1 {
				t.Fatalf("error position out of range: %+v for %q", se, src)
			}
			if rules != nil {
				t.Fatal("rules returned with an error")
			}
			// A suggested until= must be a working one.
			if _, after, ok := strings.Cut(se.Msg, "write until="); ok {
				until, _, _ := strings.Cut(after, " ")
				if _, err := Parse("f", []byte("db until="+until)); err != nil {
					t.Fatalf("suggested until=%s does not parse: %v", until, err)
				}
			}
			return
		}
		// Round trip: the formatted rules parse back to the same rules.
		var b strings.Builder
		for _, r := range rules {
			if r.Line < 1 || r.Line > lines {
				t.Fatalf("rule line %d out of range", r.Line)
			}
			b.WriteString(r.String() + "\n")
		}
		again, err := Parse("f", []byte(b.String()))
		if err != nil {
			t.Fatalf("formatted rules %q do not parse: %v", b.String(), err)
		}
		if len(again) != len(rules) {
			t.Fatalf("round trip: %d rules, want %d", len(again), len(rules))
		}
		for i := range rules {
			if again[i].Pattern != rules[i].Pattern || again[i].Condition() != rules[i].Condition() ||
				again[i].Level != rules[i].Level || again[i].Record != rules[i].Record || again[i].Limit != rules[i].Limit ||
				!again[i].Until.Equal(rules[i].Until) {
				t.Fatalf("round trip: %v, want %v", again[i], rules[i])
			}
		}
		// Every rule must be usable by the index: an unscoped one wins for
		// some name, and a scoped one is found for it.
		ix := newIndex(rules)
		for _, r := range rules {
			comps, cond := splitPattern(r.Pattern)
			name := strings.ReplaceAll(comps, "*", "x")
			if cond == "" && ix.resolve(name, nil) < 0 {
				t.Fatalf("rule %v does not cover %q", r, name)
			}
			if cond != "" && len(ix.scopedFor(name, nil)) == 0 {
				t.Fatalf("scoped rule %v is not found for %q", r, name)
			}
		}
	})
}
