package registry

import (
	"fmt"
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
	var h hints
	for _, n := range names {
		h.add(n)
	}
	for _, tt := range tests {
		if got := h.suggest(tt.pattern); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.pattern, got, tt.want)
		}
	}
	if d := distance("kitten", "sitting"); d != 3 {
		t.Errorf("distance = %d, want 3", d)
	}
	var none hints
	if got := none.suggest(strings.Repeat("a", 20)); got != "" {
		t.Errorf("suggest with no names = %q", got)
	}
}

// TestSuggestHasAFixedBudget: a search costs the same whatever the number
// of names, allocates nothing per name, and still finds a close name among
// those it looks at.
func TestSuggestHasAFixedBudget(t *testing.T) {
	var h hints
	for i := range 100_000 {
		h.add(fmt.Sprintf("s%d.c%d", i/10, i%10))
	}
	if got := h.suggest("s7.cc1"); got != "s7.c1" {
		t.Fatalf("suggest = %q, want s7.c1", got)
	}
	if got := h.suggest("s7.*.x"); got != "" {
		t.Fatalf("suggest = %q, want none", got)
	}
	allocs := testing.AllocsPerRun(20, func() { h.suggest("s7.cc1") })
	if allocs > 3 {
		t.Errorf("%v allocations per search, want a few per search, none per name", allocs)
	}
	n := 0
	for _, names := range h.byKey {
		n += len(names)
	}
	if n < 10*hintBudget {
		t.Fatalf("only %d candidates: the budget is not exercised", n)
	}
}

func TestHintsFollowRegistrations(t *testing.T) {
	f := newFixture(t)
	f.reg.Component("db")
	f.write("dbb\nkafka.consumer\n")
	f.reload()
	if u := fmt.Sprint(f.reg.LastReload().Unmatched); !strings.Contains(u, "did you mean db?") || strings.Contains(u, "consumer; did") {
		t.Fatalf("unmatched = %s", u)
	}
	f.reg.Component("kafka.consumers")
	f.write("dbb\nkafka.consumer.x\nkafka.consumr\n")
	f.reload()
	want := "[" + f.file + ":1: no component matches dbb; did you mean db? " + f.file + ":2: no component matches kafka.consumer.x " +
		f.file + ":3: no component matches kafka.consumr; did you mean kafka.consumers?]"
	if u := fmt.Sprint(f.reg.LastReload().Unmatched); u != want {
		t.Fatalf("unmatched =\n%s\nwant\n%s", u, want)
	}
}
