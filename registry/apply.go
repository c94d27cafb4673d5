package registry

import (
	"slices"
	"strings"
	"time"

	"go.uber.org/zap/zapcore"
)

// change is one component's level change.
type change struct {
	name     string
	old, new zapcore.Level
	until    time.Time // of the rule that now sets the level
}

// apply makes rs the rules in force and sets every component's level from
// them. It reports how many levels changed and the first maxListed changes
// by name (sorting all of them would cost a reload that changes thousands of
// levels more than the rest of it). Every rule that covers a component is
// marked in overMarks and fileMarks, if not nil. The caller holds opMu.
//
// The rules are resolved away from the lock, which a hostile file of half a
// million rules would otherwise hold for long; registrations that slip in
// meanwhile are resolved again under the lock, when rs is published.
func (r *Registry) apply(rs *ruleset, overMarks, fileMarks []bool) (first []change, count int) {
	r.mu.RLock()
	seen := r.entries
	r.mu.RUnlock()
	won := make([]*Rule, len(seen))
	var scoped [][]scopedRule
	if rs.over.scoped+rs.file.scoped > 0 {
		scoped = make([][]scopedRule, len(seen))
	}
	for i, e := range seen {
		won[i] = r.resolve(rs, e.log.Name(), overMarks, fileMarks)
		if scoped != nil {
			scoped[i] = rs.scopedFor(e.log.Name())
		}
	}

	first = make([]change, 0, maxListed)
	set := func(e *entry, rule *Rule, ws []scopedRule) {
		e.rule = rule
		r.setScoped(e, ws)
		e.level.SetRecord(recordOf(rule))
		e.level.SetLimit(r.limitOf(rule), r.defaultLevel)
		if old, lvl := e.level.Level(), r.levelOf(rule); old != lvl {
			e.level.SetLevel(lvl)
			count++
			c := change{name: e.log.Name(), old: old, new: lvl}
			if rule != nil {
				c.until = rule.Until
			}
			first = keepFirst(first, c)
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, e := range seen {
		var ws []scopedRule
		if scoped != nil {
			ws = scoped[i]
		}
		set(e, won[i], ws)
	}
	for _, e := range r.entries[len(seen):] {
		set(e, r.resolve(rs, e.log.Name(), overMarks, fileMarks), rs.scopedFor(e.log.Name()))
	}
	r.rules = rs
	return first, count
}

// keepFirst inserts c into first, sorted by name, keeping at most maxListed.
func keepFirst(first []change, c change) []change {
	if len(first) == maxListed && c.name >= first[maxListed-1].name {
		return first
	}
	i, _ := slices.BinarySearchFunc(first, c.name, func(a change, name string) int { return strings.Compare(a.name, name) })
	if len(first) == maxListed {
		first = first[:maxListed-1]
	}
	return slices.Insert(first, i, c)
}

// describe formats the first changes as "name: old→new", followed by
// " until <time>" when the rule now in force expires, within the bounds of a
// log entry's list.
func describe(first []change, count int) []string {
	var b bounded
	for _, c := range first {
		s := clip(c.name) + ": " + c.old.String() + "→" + c.new.String()
		if !c.until.IsZero() {
			s += " until " + formatTime(c.until)
		}
		b.add(s)
	}
	b.rest += count - len(first)
	return b.list()
}
