package component

import (
	"fmt"
	"strconv"
	"sync/atomic"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// MaxLimit is the most entries a [Limit] may let through per unit of time.
const MaxLimit = 1_000_000

// Limit is a rate of entries: at most N per Per, with bursts of up to N.
// The zero Limit is no limit.
type Limit struct {
	N   int
	Per time.Duration // time.Second or time.Minute, as the components file says them
}

// String returns the limit as the components file writes it: "100/s",
// "100/m", or "" for no limit.
func (l Limit) String() string {
	if l.N <= 0 || l.Per <= 0 {
		return ""
	}
	n := strconv.Itoa(l.N)
	switch l.Per {
	case time.Second:
		return n + "/s"
	case time.Minute:
		return n + "/m"
	}
	return n + "/" + l.Per.String()
}

// SetLimit bounds the volume of the components that share lv: of their
// entries below the level below, they write at most l.N per l.Per, as a
// token bucket that holds l.N. Entries at below and above are never
// limited; a zero l removes the limit. The registry gives as below the
// level a component has when no rule makes it more verbose, so that a
// limit bounds what a rule adds.
//
// An entry over the limit is dropped, before it is encoded or recorded,
// and counted ([Level.Dropped]). At most once a second, a component that
// dropped entries writes one entry at Warn that says how many, "dropped
// 120 debug entries: limit 100/s", with the fields "dropped" and "limit",
// about a second after the first drop it reports. Entries that the
// component records rather than writes (see [Level.SetRecord]) are not
// limited: the recorder is bounded on its own.
//
// Setting the limit in force again keeps its bucket, so that a reload that
// changes nothing grants no new burst. The bucket reads each entry's time,
// which zap takes anyway: a limit costs an enabled call an atomic
// compare-and-swap and nothing else, and a disabled call nothing.
func (lv *Level) SetLimit(l Limit, below zapcore.Level) {
	old := lv.limiter()
	if l.N <= 0 || l.Per <= 0 {
		if old != nil {
			lv.setPolicy(func(p *policy) { p.lim = nil })
		}
		return
	}
	if old != nil && old.limit == l && old.below == below {
		return
	}
	lim := newLimiter(l, below)
	lv.setPolicy(func(p *policy) { p.lim = lim })
}

// Limit returns the limit in force, the zero Limit if none.
func (lv *Level) Limit() Limit {
	if lim := lv.limiter(); lim != nil {
		return lim.limit
	}
	return Limit{}
}

// over reports whether the limit drops an entry of lv at lvl and t: if it
// is below the limited level and there is no token for it. It counts a
// drop. Callers load the limiter themselves, so that with no limit an
// entry costs one load and a test:
//
//	if lim := lv.limiter(); lim != nil && lim.over(lv, lvl, &t) { ... }
func (l *limiter) over(lv *Level, lvl zapcore.Level, t *time.Time) bool {
	if lvl >= l.below || l.allow(t.UnixNano()) {
		return false
	}
	lv.counters().dropped.Add(1)
	l.dropped(lv)
	return true
}

// limiter is a token bucket, kept as the generic cell rate algorithm
// does: one atomic instant, the theoretical arrival time of the next
// entry, moved on by step for each entry let through. An entry is let
// through if that instant is at most burst - step ahead of its time. No
// lock and no clock read: the entry's own time, which zap reads anyway, is
// the clock, in Unix nanoseconds (a few nanoseconds to read, where a
// difference of times without a monotonic reading costs several times
// that). A time that goes back further than the bucket's span, as a wall
// clock stepped back or a program's own clock may, starts the bucket over,
// full, rather than drop everything until the clock catches up; one that
// jumps ahead refills it, no more than full.
type limiter struct {
	limit Limit
	below zapcore.Level
	step  int64        // ns per entry
	burst int64        // ns of credit: N entries
	tat   atomic.Int64 // Unix ns

	// pending counts the drops not yet reported; armed is set while a
	// report is scheduled.
	pending atomic.Uint64
	armed   atomic.Bool
}

func newLimiter(l Limit, below zapcore.Level) *limiter {
	step := max(int64(l.Per)/int64(l.N), 1)
	return &limiter{limit: l, below: below, step: step, burst: step * int64(l.N)}
}

// allow takes a token for an entry at now, in Unix nanoseconds, if there
// is one.
func (l *limiter) allow(now int64) bool {
	for {
		tat := l.tat.Load()
		from := tat
		if tat > now+l.burst {
			from = now // the clock went back: start over
		}
		next := max(from, now) + l.step
		if next-now > l.burst {
			return false
		}
		if l.tat.CompareAndSwap(tat, next) {
			return true
		}
	}
}

// summaryEvery is the delay between a drop and the report that counts it,
// and so the least time between two reports.
const summaryEvery = time.Second

// dropped notes a drop, and schedules a report unless one is scheduled.
// The report runs on a timer's goroutine, which exists only while it runs:
// a component that stops dropping leaves nothing behind.
func (l *limiter) dropped(lv *Level) {
	l.pending.Add(1)
	if l.armed.CompareAndSwap(false, true) {
		time.AfterFunc(summaryEvery, func() { l.report(lv) })
	}
}

// report writes the Warn entry that counts the drops since the last one.
// It disarms before it takes the count, so that a drop after the count
// schedules the next report.
func (l *limiter) report(lv *Level) {
	l.armed.Store(false)
	n := l.pending.Swap(0)
	owner := lv.owner.Load()
	if n == 0 || owner == nil {
		return
	}
	what := "debug entries"
	if l.below > zapcore.InfoLevel {
		what = "entries below " + l.below.String()
	}
	core := owner.log.Core()
	if g, ok := core.(*gate); ok {
		core = g.Core
	}
	ent := zapcore.Entry{LoggerName: owner.name, Time: time.Now(), Level: zapcore.WarnLevel,
		Message: fmt.Sprintf("dropped %d %s: limit %s", n, what, l.limit)}
	if core.Enabled(ent.Level) {
		// Past any sampler: a report that a sampler could drop would make
		// the drops silent again.
		lv.wrote(ent.Level)
		_ = core.Write(ent, []zapcore.Field{zap.Uint64("dropped", n), zap.String("limit", l.limit.String())})
	}
}
