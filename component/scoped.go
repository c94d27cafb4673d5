package component

import (
	"context"
	"slices"
	"sync/atomic"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// scopeFieldKey is the key of the field that an entry written only because
// of a scoped rule carries: the rule's condition, as written.
const scopeFieldKey = "scope"

// Scoped is a scoped rule in force for a component: for the calls whose
// context meets Condition (see [WithScope]), the component writes at Level
// as well as at its own level. The registry makes them from rules such as
// saas.client[tenant=acme]=debug.
type Scoped struct {
	Condition *Condition
	Level     zapcore.Level
	// Record, if above zero, makes the component record the entries below
	// Level of the calls whose context meets the condition, as
	// [Level.SetRecord] does for every call: it keeps the last of them in
	// memory, and writes them out before its next entry at Error or
	// above, or when [Logger.Flush] asks. The scoped rules of a Level
	// share one buffer, apart from that of SetRecord, of the largest
	// Record among them, with the same bounds.
	Record int
	// Written, if not nil, counts the entries the rule lets through: those
	// below the component's own level, written because the condition
	// held. The components one rule covers share one counter.
	Written *atomic.Uint64
}

// scopedSet is the scoped rules of a Level, the most verbose first, and
// the recorder of those that record. It is immutable but for rec's
// contents.
type scopedSet struct {
	rules []Scoped
	// blooms has the bloom of each rule's condition, in one array, so that
	// refusing a scope that meets none costs no pointer chase.
	blooms []uint64
	least  zapcore.Level // rules[0].Level
	rec    *recorder
}

// SetScoped replaces the scoped rules of the Level with rules; none means
// none. Calls through the loggers that [Logger.Ctx] returns, and the context
// calls of [Logger.Slog], see the change at their next call, whenever the
// logger was bound.
//
// A scoped rule only ever adds detail: for a call whose context meets its
// condition, the component keeps the more verbose of its own level and the
// rule's. Such an entry, below the component's own level, is written with
// the field "scope" holding the condition, and counted in the rule's
// Written; an entry the component writes anyway carries no "scope". When
// several rules hold, the most verbose applies, and among equals the first
// given. A rule with a nil Condition is ignored.
//
// While a Level has scoped rules, the inlined check of a call through a
// bound logger passes at the most verbose of their levels, and the call
// then reads its context: one ctx.Value walk. Calls on the Logger itself
// never read a context, and cost what they cost without scoped rules.
func (lv *Level) SetScoped(rules []Scoped) {
	rules = slices.DeleteFunc(slices.Clone(rules), func(r Scoped) bool { return r.Condition == nil })
	if len(rules) == 0 && lv.scoped.Load() == nil {
		// The common case of a reload, without the lock.
		return
	}
	var set *scopedSet
	n := 0
	if len(rules) > 0 {
		slices.SortStableFunc(rules, func(a, b Scoped) int { return int(a.Level) - int(b.Level) })
		set = &scopedSet{rules: rules, least: rules[0].Level, blooms: make([]uint64, len(rules))}
		for i, r := range rules {
			set.blooms[i] = r.Condition.bloom
		}
		for _, r := range rules {
			n = max(n, min(r.Record, MaxRecord))
		}
	}
	lv.mu.Lock()
	defer lv.mu.Unlock()
	if n > 0 {
		// The buffer outlives the rules, as long as some rule records,
		// so that a reload does not drop what it holds.
		if old := lv.scoped.Load(); old != nil && old.rec != nil {
			set.rec = old.rec
			set.rec.resize(n)
		} else {
			set.rec = newRecorder(n, lv)
		}
	}
	lv.scoped.Store(set)
	lv.setFloor()
}

// scopedRecorder returns the recorder of the scoped rules, nil if none
// records.
func (lv *Level) scopedRecorder() *recorder {
	if set := lv.scoped.Load(); set != nil {
		return set.rec
	}
	return nil
}

// recording reports whether the component records, by its own level or
// by its scoped rules: whether the loggers derived from its loggers keep
// the context of their recorded entries apart from their sink.
func (lv *Level) recording() bool {
	return lv.rec.Load() != nil || lv.scopedRecorder() != nil
}

// verdict is what a call made with a context does with its entry.
type verdict uint8

const (
	// drop: neither the component's level nor the context keeps it.
	drop verdict = iota
	// plain: the component keeps it by its own level, to write or to
	// record, as a call without a context would.
	plain
	// scoped: written, below the component's own level, because of the
	// context; the rule says which.
	scoped
	// recorded: recorded in the scoped rules' recorder, because of the
	// context; the rule says which.
	recorded
	// held: recorded in the recorder of the context's request (see
	// RecorderPool), since nothing else keeps it.
	held
)

// decide is the level decision of every call made with a context: through
// a logger of Logger.Ctx (zap form, event form, Enabled, Zap, Sugar), and
// the slog context calls on either sink, for the component name. The
// callers' inlined checks have passed ctxFloor.
//
// An entry the component writes by its own level is written as ever,
// without reading the context. Below that level, in this order: a scoped
// rule whose condition the context meets, or the context's grant (see
// WithGrant), makes it written; failing that, a scoped rule that records,
// recorded in their recorder; failing that, a component that records
// keeps it in its own; failing that, the recorder of the context's
// request holds it (see RecorderPool).
//
// This is the one place where the context reaches a level decision. The
// scope is found by one ctx.Value walk, made only if a scoped rule is at
// lvl or more verbose, or records, or interest says that a grant is in
// flight or a request recorder exists.
func (lv *Level) decide(ctx context.Context, lvl zapcore.Level, name string) (verdict, *Scoped) {
	if int32(lvl) >= lv.written.Load() {
		return plain, nil
	}
	return lv.decideBelow(ctx, lvl, name)
}

// decideBelow is decide for an entry below the level written. The hot
// callers, the level methods and Event constructors of Bound, check the
// level written themselves and call it, sparing a call.
func (lv *Level) decideBelow(ctx context.Context, lvl zapcore.Level, name string) (verdict, *Scoped) {
	if !lv.tracked.Load() {
		track(lv)
	}
	set := lv.scoped.Load()
	rules := set != nil && (lvl >= set.least || set.rec != nil)
	if ctx == nil || !rules && interest.Load() == 0 {
		if lv.keeps(lvl) {
			return plain, nil
		}
		return drop, nil
	}
	s, _ := ctx.Value(scopeKey{}).(*scope)
	v, r := drop, (*Scoped)(nil)
	if s != nil && rules {
		// A scoped entry is written rather than recorded.
		for _, b := range set.blooms {
			if b&^s.bloom == 0 {
				// Some rule may hold: the common case of rules for
				// other scopes has been refused without a call.
				v, r = set.match(s, lvl)
				break
			}
		}
		if v == scoped {
			return v, r
		}
	}
	if s != nil && s.grant != nil && s.grant.allows(s, name, lvl) {
		return scoped, &s.grant.rule
	}
	switch {
	case v == recorded:
		return v, r
	case lv.keeps(lvl):
		return plain, nil
	case s != nil && s.rec != nil:
		return held, nil
	}
	return drop, nil
}

// match returns the scoped rule that lets an entry at lvl through for a
// scope (scoped), or failing one, the scoped rule that records it
// (recorded), or drop.
func (set *scopedSet) match(s *scope, lvl zapcore.Level) (verdict, *Scoped) {
	var record *Scoped
	for i := range set.rules {
		r := &set.rules[i]
		if set.blooms[i]&^s.bloom != 0 {
			continue // a rule for another scope
		}
		switch {
		case r.Level <= lvl:
			if r.Condition.in(s) {
				return scoped, r
			}
		case set.rec == nil:
			return drop, nil
		case record == nil && r.Record > 0 && r.Condition.in(s):
			record = r
		}
	}
	if record != nil {
		return recorded, record
	}
	return drop, nil
}

// field returns the field that marks an entry r let through.
func (r *Scoped) field() zap.Field {
	return zap.String(scopeFieldKey, r.Condition.text)
}

// count counts an entry r let through.
func (r *Scoped) count() {
	if r.Written != nil {
		r.Written.Add(1)
	}
}

// marked caches, for the last scoped rule that let an entry through, a
// sink that writes the rule's field before everything else, groups and
// namespaces included: the field is then encoded once per rule, as the
// fields of With are, and stays at the top of the entry.
type marked[T any] struct {
	last atomic.Pointer[markedSink[T]]
}

type markedSink[T any] struct {
	rule *Scoped
	sink T
}

// get returns the sink of r, made by mark if r is not the last rule.
func (m *marked[T]) get(r *Scoped, mark func(zap.Field) T) T {
	if s := m.last.Load(); s != nil && s.rule == r {
		return s.sink
	}
	s := &markedSink[T]{rule: r, sink: mark(r.field())}
	m.last.Store(s)
	return s.sink
}
