package registry

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/scopelog/scopelog/component"
	"go.uber.org/zap/zapcore"
)

// Flush writes out, and empties, the recorded entries of every component
// that pattern covers, as a rule with that pattern would cover them: "*"
// is every component, and "saas" covers "saas.client". Each component's
// entries are written through its own sink, oldest first, after one entry
// on the component that introduces them. It returns the number of entries
// written. A pattern that is not valid covers nothing, and so does a
// scoped one: a component's recorder holds the entries of every scope.
//
// Flush is what a program calls on demand, such as on a signal:
//
//	stop := signals.Notify(func() error { reg.Flush("*"); return nil }, syscall.SIGUSR2)
//
// Components record when the rule that sets their level has record=N; see
// [Parse].
func (r *Registry) Flush(pattern string) int {
	r.setup()
	if checkPattern(pattern, 1) != nil {
		return 0
	}
	var logs []*component.Logger
	r.mu.RLock()
	for _, e := range r.entries {
		if (e.level.Record() > 0 || r.recordsScoped(e)) && covers(pattern, e.log.Name()) {
			logs = append(logs, e.log)
		}
	}
	r.mu.RUnlock()
	n := 0
	for _, l := range logs {
		n += l.Flush()
	}
	return n
}

// covers reports whether pattern, a valid pattern, covers the component
// name: each of its segments matches the name's at the same place, '*'
// matching any, and the name may have more.
func covers(pattern, name string) bool {
	for p := range strings.SplitSeq(pattern, ".") {
		seg, rest, _ := strings.Cut(name, ".")
		if seg == "" || p != "*" && p != seg {
			return false
		}
		name = rest
	}
	return true
}

// recordOf returns the Record of rule, 0 for the default.
func recordOf(rule *Rule) int {
	if rule == nil {
		return 0
	}
	return rule.Record
}

// recordIneffective warns about rules whose record= cannot do what it
// says. lost is about those that the sink keeps from recording anything,
// or anything below a level: a component records only what the sink would
// write, and a rule records below its level. note is about record= on a
// rule at Debug, which changes nothing since the component writes
// everything already. Each names the first such rule and the fix.
func recordIneffective(rules []Rule, sink sinkLimit) (lost, note string) {
	var nothing, partial string
	for _, rule := range rules {
		switch {
		case rule.Record == 0:
		case rule.Level == zapcore.DebugLevel:
			if note == "" {
				note = fmt.Sprintf("record= on a rule at debug changes nothing: everything is written already (%s at %s)",
					clip(rule.Pattern), rule.Source())
			}
		case sink.floor >= rule.Level:
			if nothing == "" {
				nothing = fmt.Sprintf("%s: record=%d on %s at %s records nothing, since it keeps the entries below %s; %s, or remove record=",
					sink.takes, rule.Record, clip(rule.Pattern), rule.Source(), rule.Level, sink.fix)
			}
		case sink.floor > zapcore.DebugLevel:
			if partial == "" {
				partial = fmt.Sprintf("%s: record=%d on %s at %s records only %s and above, not %s; %s to record them",
					sink.takes, rule.Record, clip(rule.Pattern), rule.Source(), sink.floor, zapcore.DebugLevel, sink.fix)
			}
		}
	}
	return joinWarnings(nothing, partial), note
}

// joinWarnings joins the warnings that are not empty.
func joinWarnings(ws ...string) string {
	return strings.Join(slices.DeleteFunc(ws, func(w string) bool { return w == "" }), "; ")
}

// recording describes the components that record, by name, as
// "saas.client: record=50", within the bounds of a log entry's list. A
// component whose level is at or below the sink's, which can record
// nothing, says so.
func (r *Registry) recording(sink sinkLimit) []string {
	var names []string
	r.mu.RLock()
	for _, e := range r.entries {
		if n := e.level.Record(); n > 0 {
			s := clip(e.log.Name()) + ": record=" + strconv.Itoa(n)
			if sink.floor > zapcore.DebugLevel && e.level.Level() <= sink.floor {
				s += " (records nothing: the sink takes only " + sink.floor.String() + " and above)"
			}
			names = append(names, s)
		}
		for _, w := range r.scopedIn[e] {
			if n := w.rule().Record; n > 0 {
				names = append(names, clip(e.log.Name())+": record="+strconv.Itoa(n)+" for "+clip(w.rule().Condition()))
			}
		}
	}
	r.mu.RUnlock()
	if len(names) == 0 {
		return nil
	}
	slices.Sort(names)
	var b bounded
	for _, s := range names {
		b.add(s)
	}
	return b.list()
}

// CheckPattern returns an error if pattern is not a valid rule pattern, as
// the components file's grammar defines it, with or without a condition,
// saying where and what was expected. Programs that take a pattern from outside, such as an admin
// handler given one to [Registry.Flush], check it first.
func CheckPattern(pattern string) error {
	if pattern == "" {
		return errors.New("registry: empty pattern: expected a component name or pattern, such as saas.client or db.*.conn")
	}
	if err := checkRulePattern(pattern, 1); err != nil {
		return fmt.Errorf("registry: bad pattern at column %d: %s", err.Col, err.Msg)
	}
	return nil
}
