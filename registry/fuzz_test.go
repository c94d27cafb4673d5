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
			if again[i].Pattern != rules[i].Pattern || again[i].Level != rules[i].Level {
				t.Fatalf("round trip: %v, want %v", again[i], rules[i])
			}
		}
		// Every rule must be usable by the index.
		ix := newIndex(rules)
		for _, r := range rules {
			name := strings.ReplaceAll(r.Pattern, "*", "x")
			if ix.resolve(name, nil) < 0 {
				t.Fatalf("rule %v does not cover %q", r, name)
			}
		}
	})
}
