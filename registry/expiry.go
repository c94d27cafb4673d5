package registry

import (
	"slices"
	"strings"
	"time"

	"go.uber.org/zap"
)

// recheck bounds how long the expiry timer sleeps while a rule with an
// until is pending. A timer runs on the monotonic clock, but until is a
// wall-clock instant: if the system clock is stepped, the next check within
// recheck sees it. Half a second keeps the change within a second of the
// instant even when the process waits for a core.
const recheck = 500 * time.Millisecond

// arm sets the timer for the earliest until in force, or for recheck if that
// is sooner, and stops it when no rule has an until: nothing polls then. The
// caller holds opMu. It reads the clock itself, rather than taking the time
// its caller read before applying the rules: applying thousands of rules
// takes milliseconds, which would otherwise make the timer late by as much.
func (r *Registry) arm() {
	next := earliest(r.rules.over.earliest, r.rules.file.earliest)
	if next.IsZero() {
		if r.timer != nil {
			r.timer.Stop()
		}
		return
	}
	d := min(max(next.Sub(r.now()), 0), recheck)
	if r.timer == nil {
		r.timer = time.AfterFunc(d, r.expire)
		return
	}
	r.timer.Reset(d)
}

// earliest returns the sooner of two instants, ignoring zero ones.
func earliest(a, b time.Time) time.Time {
	if a.IsZero() || !b.IsZero() && b.Before(a) {
		return b
	}
	return a
}

// expire drops the rules whose until has passed by the wall clock and
// re-applies the rest without reading the file, logging one entry with the
// levels that changed. A timer that fired early, or a stale one, finds
// nothing due and re-arms.
func (r *Registry) expire() {
	r.opMu.Lock()
	defer r.opMu.Unlock()
	now := r.now()
	rs, expired := r.rules.at(now)
	if len(expired) > 0 {
		changed, count := r.apply(rs, nil, nil)
		var rules, patterns bounded
		for _, e := range expired {
			rules.add(e.Source())
			patterns.add(clip(e.Pattern))
		}
		r.self.Info("components rule expired; levels re-applied without reading the file",
			zap.String("rule", strings.Join(rules.list(), ", ")),
			zap.String("pattern", strings.Join(patterns.list(), ", ")),
			zap.Time("until", expired[0].Until),
			zap.Int("changed_count", count),
			zap.Strings("changed", describe(changed, count)))
	}
	r.arm()
}

// at returns the rules of rs still in force at now, and those whose until
// has passed, the earliest first: overrides before file rules at the same
// instant, each in order.
func (rs *ruleset) at(now time.Time) (*ruleset, []Rule) {
	next := *rs
	var expired []Rule
	if e := rs.over.earliest; !e.IsZero() && !now.Before(e) {
		var over []Rule
		over, expired = live(rs.over.rules, now)
		next.over = newIndex(over)
	}
	if e := rs.file.earliest; !e.IsZero() && !now.Before(e) {
		file, ex := live(rs.file.rules, now)
		next.file = newIndex(file)
		expired = append(expired, ex...)
	}
	slices.SortStableFunc(expired, func(a, b Rule) int { return a.Until.Compare(b.Until) })
	return &next, expired
}
