package registry

import (
	"slices"
	"strconv"
	"strings"

	"github.com/scopelog/scopelog/component"
)

// MaxScoped is the most scoped rules a components file may hold, and the
// most scoped overrides in force at once. A call through a bound logger
// (component.Logger.Ctx) checks the conditions of the rules that cover
// its component and that its level reaches, so their number bounds its
// cost; a debugging session needs a handful.
const MaxScoped = 100

// scopedRule is a scoped rule in force for a component: the rule, and its
// place in its index.
type scopedRule struct {
	ix *index
	i  int
}

func (w scopedRule) rule() *Rule                { return &w.ix.rules[w.i] }
func (w scopedRule) cond() *component.Condition { return w.ix.conds[w.i] }
func (w scopedRule) beats(o scopedRule) bool {
	return w.ix.spec[w.i] > o.ix.spec[o.i] || w.ix.spec[w.i] == o.ix.spec[o.i] && w.i > o.i
}
func (w scopedRule) scoped() component.Scoped {
	r := w.rule()
	return component.Scoped{Condition: w.cond(), Level: r.Level, Record: r.Record, Written: r.written}
}

// scopedFor returns the scoped rules in force for the component name. A
// scoped rule only ever adds detail, so every condition counts: for each
// condition, the override that covers name wins, as among unscoped rules
// (the most specific, then the one set last), and failing one, the file
// rule that wins likewise. Rules made only of wildcards skip the
// registry's own component, as unscoped ones do.
func (rs *ruleset) scopedFor(name string) []scopedRule {
	if rs.over.scoped == 0 && rs.file.scoped == 0 {
		return nil
	}
	var out []scopedRule
	var found []int
	for _, ix := range []*index{rs.over, rs.file} {
		found = ix.scopedFor(name, found[:0])
		from := len(out) // the winners of this index start here
		for _, i := range found {
			if name == SelfName && ix.spec[i] == 0 {
				continue
			}
			w := scopedRule{ix, i}
			k := slices.IndexFunc(out, func(o scopedRule) bool { return o.cond().String() == w.cond().String() })
			switch {
			case k < 0:
				out = append(out, w)
			case k < from:
				// An override of this condition beats the file's rules.
			case w.beats(out[k]):
				out[k] = w
			}
		}
	}
	return out
}

// levelScoped returns the scoped rules of a component as its Level takes
// them.
func levelScoped(ws []scopedRule) []component.Scoped {
	if len(ws) == 0 {
		return nil
	}
	out := make([]component.Scoped, len(ws))
	for i, w := range ws {
		out[i] = w.scoped()
	}
	return out
}

// countScoped returns the number of scoped rules in rules.
func countScoped(rules []Rule) int {
	n := 0
	for i := range rules {
		if rules[i].Condition() != "" {
			n++
		}
	}
	return n
}

// ScopedStatus describes one scoped rule in force.
type ScopedStatus struct {
	Rule Rule
	// Components are the registered components the rule is in force for,
	// sorted: those it covers, but for any where a rule of the same
	// condition wins (an override, or a more specific rule).
	Components []string
	// Written is the number of entries the rule has let through: entries
	// below their component's own level, written because the condition
	// held. An override counts from when it was set; a rule of the file
	// from the reload that first applied it, across reloads that keep it
	// unchanged.
	Written uint64
}

// Scoped returns the scoped rules in force: the file's, in the file's
// order, then the overrides, sorted by pattern.
func (r *Registry) Scoped() []ScopedStatus {
	r.setup()
	r.mu.RLock()
	defer r.mu.RUnlock()
	var out []ScopedStatus
	for _, ix := range []*index{r.rules.file, r.rules.over} {
		from := len(out)
		covers := r.coverage(ix)
		for i := range ix.rules {
			rule := ix.rules[i]
			if ix.conds == nil || ix.conds[i] == nil {
				continue
			}
			st := ScopedStatus{Rule: rule, Written: rule.written.Load()}
			if c := covers[i]; c != nil {
				st.Components = c.names
			}
			out = append(out, st)
		}
		if ix == r.rules.over {
			slices.SortFunc(out[from:], func(a, b ScopedStatus) int { return strings.Compare(a.Rule.Pattern, b.Rule.Pattern) })
		}
	}
	return out
}

// cover is what one scoped rule does: the components it is in force for,
// sorted, and whether it lets through any level that one of them does not
// write already.
type cover struct {
	names []string
	adds  bool
}

// coverage returns, by rule of ix, what each scoped rule covers. The
// caller holds mu.
func (r *Registry) coverage(ix *index) map[int]*cover {
	covers := make(map[int]*cover)
	if ix.scoped == 0 {
		return covers
	}
	for _, e := range r.entries {
		for _, w := range r.scopedIn[e] {
			if w.ix != ix {
				continue
			}
			c := covers[w.i]
			if c == nil {
				c = new(cover)
				covers[w.i] = c
			}
			c.names = append(c.names, e.log.Name())
			c.adds = c.adds || w.rule().Level < e.level.Level()
		}
	}
	for _, c := range covers {
		slices.Sort(c.names)
	}
	return covers
}

// maxCovered bounds the names an acknowledgement lists for one scoped
// rule.
const maxCovered = 5

// describeScoped describes the scoped rules of ix in force, as an
// acknowledgement lists them apart from the rest: "file:3:
// saas.client[tenant=acme]=debug covers saas.client", within the bounds of
// a log entry's list; and warns about those that add nothing. Rules that
// cover no component are among the unmatched, not here. The caller holds
// opMu.
func (r *Registry) describeScoped(ix *index) (list []string, warning string) {
	if ix.scoped == 0 {
		return nil, ""
	}
	r.mu.RLock()
	covers := r.coverage(ix)
	r.mu.RUnlock()
	var b, idle bounded
	for i := range ix.rules {
		c := covers[i]
		if c == nil {
			continue
		}
		rule := &ix.rules[i]
		s := rule.Source() + ": " + clip(rule.Pattern) + "=" + rule.Level.String() + " covers " + names(c.names)
		b.add(s)
		if !c.adds {
			idle.add(clip(rule.Pattern) + "=" + rule.Level.String() + " at " + rule.Source())
		}
	}
	if len(idle.items) > 0 {
		warning = "scoped rules that add nothing, since each component they cover writes their level already: " + strings.Join(idle.list(), ", ")
	}
	if len(b.items) == 0 {
		return nil, warning
	}
	return b.list(), warning
}

// names lists a few component names, and counts the rest.
func names(ns []string) string {
	if len(ns) <= maxCovered {
		return strings.Join(clipAll(ns), ", ")
	}
	return strings.Join(clipAll(ns[:maxCovered]), ", ") + " and " + strconv.Itoa(len(ns)-maxCovered) + " more"
}

func clipAll(ns []string) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = clip(n)
	}
	return out
}

// inheritWritten gives the scoped rules of a reloaded file the counters
// of the same rules of the file in force before, so that a reload that
// keeps a rule keeps its count.
func inheritWritten(rules []Rule, before *index) {
	if before.scoped == 0 {
		return
	}
	old := make(map[string]*Rule, before.scoped)
	for i := range before.rules {
		if before.conds[i] != nil {
			old[before.rules[i].Pattern] = &before.rules[i]
		}
	}
	for i := range rules {
		o := old[rules[i].Pattern]
		if o != nil && o.Level == rules[i].Level && o.Until.Equal(rules[i].Until) {
			rules[i].written = o.written
		}
	}
}

// scopedOverrideAck describes what the scoped override i of ix covers,
// and warns if it adds nothing. The caller holds opMu.
func (r *Registry) scopedOverrideAck(ix *index, i int) (list []string, warning string) {
	r.mu.RLock()
	c := r.coverage(ix)[i]
	r.mu.RUnlock()
	if c == nil {
		return nil, ""
	}
	rule := &ix.rules[i]
	if !c.adds {
		warning = "the scoped override adds nothing: each component it covers writes " + rule.Level.String() + " already"
	}
	return []string{names(c.names)}, warning
}

// recordsScoped reports whether a scoped rule in force for e records. The
// caller holds mu.
func (r *Registry) recordsScoped(e *entry) bool {
	return slices.ContainsFunc(r.scopedIn[e], func(w scopedRule) bool { return w.rule().Record > 0 })
}

// setScoped makes ws the scoped rules in force for e, and gives them to
// its Level. The caller holds mu for writing.
func (r *Registry) setScoped(e *entry, ws []scopedRule) {
	e.level.SetScoped(levelScoped(ws))
	if len(ws) == 0 {
		delete(r.scopedIn, e)
		return
	}
	if r.scopedIn == nil {
		r.scopedIn = make(map[*entry][]scopedRule)
	}
	r.scopedIn[e] = ws
}
