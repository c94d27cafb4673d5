package registry

import (
	"strings"
	"testing"
)

func TestPrecedence(t *testing.T) {
	tests := []struct {
		name  string
		rules string
		comp  string
		want  int // line of the winning rule, 0 for none
	}{
		{"bare covers itself", "db", "db", 1},
		{"bare covers descendants", "db", "db.pool.conn", 1},
		{"no prefix match by bytes", "db", "dbx", 0},
		{"parent not covered by child", "db.pool", "db", 0},
		{"star alone covers all", "*=warn", "saas.client", 1},
		{"star one segment", "http.*.retry", "http.api.retry", 1},
		{"star one segment, descendants", "http.*.retry", "http.api.retry.backoff", 1},
		{"star exactly one segment", "http.*.retry", "http.retry", 0},
		{"star not two segments", "http.*.retry", "http.a.b.retry", 0},
		{"more literals win over order", "db.pool=info\ndb=debug", "db.pool.conn", 1},
		{"more literals win", "*=warn\ndb=debug", "db.pool", 2},
		{"more literals win, star pattern", "db=info\ndb.*.conn=debug", "db.pool.conn", 2},
		{"literal beats star at equal depth", "db.*=info\ndb.pool.x=debug", "db.pool.x", 2},
		{"equal specificity: later wins", "db.*=info\ndb=debug", "db.pool", 2},
		{"equal specificity: later wins, reversed", "db=debug\ndb.*=info", "db.pool", 2},
		{"duplicate: later wins", "db=info\ndb=error", "db", 2},
		{"star alone loses to any literal", "db=info\n*=debug", "db", 1},
		// Specificity counts literal segments only, so depth alone does not win.
		{"two stars tie with one: later wins", "*.*=info\n*=warn", "a.b", 2},
		{"two stars tie with one: later wins, reversed", "*=warn\n*.*=info", "a.b", 2},
		{"two stars, too short", "*.*=info", "a", 0},
	}
	for _, tt := range tests {
		rules, err := Parse("f", []byte(tt.rules))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		ix := newIndex(rules)
		got := 0
		if i := ix.resolve(tt.comp, nil); i >= 0 {
			got = rules[i].Line
		}
		if got != tt.want {
			t.Errorf("%s: rules %q, component %q: winning line %d, want %d", tt.name, tt.rules, tt.comp, got, tt.want)
		}
	}
}

func TestResolveMarksEveryCoveringRule(t *testing.T) {
	rules, _ := Parse("f", []byte("db\n*=warn\ndb.pool=info\nhttp\ndb.*.conn"))
	ix := newIndex(rules)
	marks := ix.marks()
	ix.resolve("db.pool.conn", marks)
	want := []bool{true, true, true, false, true}
	for i := range want {
		if ix.covered(marks, i) != want[i] {
			t.Fatalf("rule %d covered = %v, want %v", i, !want[i], want[i])
		}
	}
}

func TestSuggest(t *testing.T) {
	names := []string{"db", "db.pool", "saas.client", "http.api.retry", "scopelog"}
	tests := []struct{ pattern, want string }{
		{"dbb", "db"},
		{"db.pol", "db.pool"},
		{"sass.client", "saas.client"},
		{"saas.clients", "saas.client"},
		{"http.*.rety", "http.*.retry"},
		{"kafka", ""},
		{"x", ""},
	}
	for _, tt := range tests {
		if got := suggest(tt.pattern, names); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.pattern, got, tt.want)
		}
	}
	if d := distance("kitten", "sitting"); d != 3 {
		t.Errorf("distance = %d, want 3", d)
	}
	if got := suggest(strings.Repeat("a", 20), nil); got != "" {
		t.Errorf("suggest with no names = %q", got)
	}
}
