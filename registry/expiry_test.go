package registry

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/scopelog/scopelog/internal/wait"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

// lateness is how long after its instant a rule's expiry must show.
const lateness = 50 * time.Millisecond

// ts formats an instant as a components file takes it.
func ts(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// The tests of when an expiry comes run in a synctest bubble: the clock,
// and the registry's timer with it, is fake there, and moves only when
// every goroutine of the bubble waits. The registry's work then takes no
// time, so an expiry comes exactly when its timer is set for, whatever the
// load on the machine: lateness measures where the registry sets its
// timer, not how long the scheduler kept the process from running. (On a
// machine whose two cores run a dozen busy processes, a bare
// time.AfterFunc misses 50 ms too; the fleet run in bench/ measures the
// real-time bound under stated conditions.)

// changeAt waits for l's level to become want and returns when it did. It
// fails if the level changed before not, or to anything else.
func changeAt(t *testing.T, what string, level func() zapcore.Level, from, want zapcore.Level, not time.Time) time.Time {
	t.Helper()
	var at time.Time
	wait.For(t, what, func() bool {
		before := time.Now()
		switch l := level(); l {
		case from:
			return false
		case want:
			if before.Before(not) {
				t.Fatalf("%s: level %v already at %v, before %v", what, want, before, not)
			}
			at = time.Now()
			return true
		default:
			t.Fatalf("%s: level %v, want %v then %v", what, l, from, want)
			return false
		}
	})
	return at
}

// checkLate checks that the expiry logged in e came within lateness after
// until, and never before it. In a bubble the clock stands still while the
// registry works, so the entry's time is the moment the level changed.
func checkLate(t *testing.T, e observer.LoggedEntry, until time.Time) {
	t.Helper()
	if late := e.Time.Sub(until); late < 0 || late > lateness {
		t.Errorf("expiry logged %v after its instant, want between 0 and %v", late, lateness)
	}
}

// expiryEntry waits, on the bubble's clock, for the n-th expiry entry (from
// 1) and returns it. Nothing is asserted about when: checkLate does that.
func (f *fixture) expiryEntry(n int) observer.LoggedEntry {
	f.t.Helper()
	wait.For(f.t, fmt.Sprintf("expiry entry %d", n), func() bool { return len(expiries(f.logs)) >= n })
	return expiries(f.logs)[n-1]
}

func expiries(logs *observer.ObservedLogs) []observer.LoggedEntry {
	return logs.FilterLoggerName(SelfName).FilterMessageSnippet("expired").All()
}

func TestExpiryFallsBackToTheNextRule(t *testing.T) {
	synctest.Test(t, testExpiryFallsBackToTheNextRule)
}

func testExpiryFallsBackToTheNextRule(t *testing.T) {
	f := newFixture(t)
	db, http := f.reg.Component("db"), f.reg.Component("http")
	start := time.Now()
	t1, t2 := start.Add(300*time.Millisecond), start.Add(600*time.Millisecond)
	// Line 3 wins first, then line 2, then line 1; http has only *=warn.
	f.write(fmt.Sprintf("*=warn\ndb=debug until=%s\ndb=error until=%s\n", ts(t2), ts(t1)))
	f.reload()
	if got, want := f.levels(), "db=error@:3 http=warn@:1"; got != want {
		t.Fatalf("levels = %s, want %s", got, want)
	}
	if got := fmt.Sprint(f.lastAck().ContextMap()["changed"]); got != "[db: info→error until "+ts(t1)+" http: info→warn]" {
		t.Fatalf("changed = %s", got)
	}
	for _, s := range f.reg.Components() {
		if s.Name == "db" && !s.Expires.Equal(t1) || s.Name == "http" && !s.Expires.IsZero() {
			t.Fatalf("status %+v: wrong Expires", s)
		}
	}

	e := f.expiryEntry(1)
	checkLate(t, e, t1)
	m := e.ContextMap()
	if e.Level != zapcore.InfoLevel || m["rule"] != f.file+":3" || m["pattern"] != "db" ||
		fmt.Sprint(m["changed"]) != "[db: error→debug until "+ts(t2)+"]" {
		t.Fatalf("expiry entry = %v %q %v", e.Level, e.Message, m)
	}
	// The clock stands still until this goroutine waits: t2 cannot pass
	// while these run.
	if s := f.reg.Components(); s[0].Rule != f.file+":2" || !s[0].Expires.Equal(t2) || db.Level() != zapcore.DebugLevel {
		t.Fatalf("db after the first expiry: %+v", s[0])
	}

	e = f.expiryEntry(2)
	checkLate(t, e, t2)
	if m := e.ContextMap(); m["rule"] != f.file+":2" || fmt.Sprint(m["changed"]) != "[db: debug→warn]" {
		t.Fatalf("second expiry entry = %v", m)
	}
	if got, want := f.levels(), "db=warn@:1 http=warn@:1"; got != want || http.Level() != zapcore.WarnLevel {
		t.Fatalf("levels = %s, want %s", got, want)
	}
	if s := f.reg.Components(); !s[0].Expires.IsZero() {
		t.Fatalf("db still expires: %+v", s[0])
	}
	// Nothing is pending: no timer runs.
	f.assertNoTimer()
}

// assertNoTimer fails if the registry's timer is pending.
func (f *fixture) assertNoTimer() {
	f.t.Helper()
	f.reg.opMu.Lock()
	defer f.reg.opMu.Unlock()
	if f.reg.timer != nil && f.reg.timer.Stop() {
		f.t.Fatal("a timer is pending with no until in force")
	}
}

func TestNoTimerWithoutUntil(t *testing.T) {
	f := newFixture(t)
	f.reg.Component("db")
	f.write("db\n*=warn\n")
	f.reload()
	mustNil(t, f.reg.Override("x", zapcore.DebugLevel, time.Now().Add(time.Hour)))
	f.reg.ClearOverrides()
	f.reload()
	f.reg.opMu.Lock()
	timer := f.reg.timer
	f.reg.opMu.Unlock()
	if timer == nil {
		t.Fatal("the override armed no timer")
	}
	f.assertNoTimer()
}

func TestReloadMovesOrCancelsTheExpiry(t *testing.T) {
	synctest.Test(t, testReloadMovesOrCancelsTheExpiry)
}

func testReloadMovesOrCancelsTheExpiry(t *testing.T) {
	f := newFixture(t)
	db := f.reg.Component("db")
	start := time.Now()
	t1, t2 := start.Add(time.Second), start.Add(1300*time.Millisecond)
	f.write("db until=" + ts(t1) + "\n")
	f.reload()
	// Extending the rule moves its expiry. The clock stands still until
	// this goroutine waits, so this reload comes before t1.
	f.write("db until=" + ts(t2) + "\n")
	f.reload()
	checkLate(t, f.expiryEntry(1), t2)
	if db.Level() != zapcore.InfoLevel {
		t.Fatalf("db at %v after the moved expiry, want info", db.Level())
	}
	// Nothing else is due: the clock moves on past both instants.
	time.Sleep(time.Until(t2.Add(time.Second)))
	synctest.Wait()
	if n := len(expiries(f.logs)); n != 1 {
		t.Fatalf("%d expiry entries, want 1", n)
	}

	// Dropping the rule cancels its expiry: no timer, no entry.
	t3 := time.Now().Add(time.Second)
	f.write("db until=" + ts(t3) + "\n")
	f.reload()
	f.write("db=warn\n")
	f.reload()
	f.assertNoTimer()
	time.Sleep(time.Until(t3.Add(time.Second)))
	synctest.Wait()
	if n := len(expiries(f.logs)); n != 1 || db.Level() != zapcore.WarnLevel {
		t.Fatalf("%d expiry entries and db at %v after a cancelled expiry, want 1 and warn", n, db.Level())
	}
}

// TestExpiryRacingAReloadAndAnOverride: at the very instant a file rule and
// an override expire, the timer, a reload of the same file and a new
// override run at once, in any order. Whichever goes first, both rules are
// gone, the levels follow what is left, the new override holds, and only
// its until keeps a timer.
func TestExpiryRacingAReloadAndAnOverride(t *testing.T) {
	synctest.Test(t, testExpiryRacingAReloadAndAnOverride)
}

func testExpiryRacingAReloadAndAnOverride(t *testing.T) {
	f := newFixture(t)
	db, http, pool := f.reg.Component("db"), f.reg.Component("http"), f.reg.Component("db.pool")
	until := time.Now().Add(300 * time.Millisecond)
	f.write("*=warn\ndb=debug until=" + ts(until) + "\n")
	f.reload()
	mustNil(t, f.reg.Override("http", zapcore.DebugLevel, until))
	later := until.Add(time.Hour)

	time.Sleep(time.Until(until)) // wakes with the registry's timer
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := f.reg.Reload(); err != nil {
			t.Errorf("Reload: %v", err)
		}
	})
	wg.Go(func() {
		if err := f.reg.Override("db.pool", zapcore.ErrorLevel, later); err != nil {
			t.Errorf("Override: %v", err)
		}
	})
	wg.Wait()
	synctest.Wait()

	if db.Level() != zapcore.WarnLevel || http.Level() != zapcore.WarnLevel || pool.Level() != zapcore.ErrorLevel {
		t.Fatalf("db %v, http %v, db.pool %v; want warn, warn, error", db.Level(), http.Level(), pool.Level())
	}
	if got, want := f.levels(), "db=warn@:1 db.pool=error@override http=warn@:1"; got != want {
		t.Fatalf("levels = %s, want %s", got, want)
	}
	if o := f.reg.Overrides(); len(o) != 1 || o[0].Pattern != "db.pool" {
		t.Fatalf("Overrides = %v, want db.pool's alone", o)
	}
	// The http override expired once, by the timer whoever came first.
	var overrideExpiries int
	for _, e := range expiries(f.logs) {
		checkLate(t, e, until)
		if strings.Contains(fmt.Sprint(e.ContextMap()["rule"]), "override") {
			overrideExpiries++
		}
	}
	if overrideExpiries != 1 {
		t.Fatalf("%d expiry entries name the override, want 1", overrideExpiries)
	}
	f.reg.opMu.Lock()
	next := earliest(f.reg.rules.over.earliest, f.reg.rules.file.earliest)
	f.reg.opMu.Unlock()
	if !next.Equal(later) {
		t.Fatalf("next expiry at %v, want the new override's %v", next, later)
	}
}

func TestPastUntilIsListedNotApplied(t *testing.T) {
	f := newFixture(t)
	db := f.reg.Component("db")
	f.write("db=debug until=2026-01-02T03:04:05Z\ndb=warn until=2000-01-01T00:00:00.5+01:00\ndb=error\n")
	if err := f.reg.Reload(); err != nil {
		t.Fatalf("a past until must not be an error: %v", err)
	}
	if db.Level() != zapcore.ErrorLevel {
		t.Fatalf("db at %v, want error", db.Level())
	}
	ack := f.lastAck()
	want := "[" + f.file + ":1: db expired at 2026-01-02T03:04:05Z " + f.file + ":2: db expired at 1999-12-31T23:00:00.5Z]"
	if m := ack.ContextMap(); ack.Level != zapcore.InfoLevel || fmt.Sprint(m["expired"]) != want || m["rules"] != int64(3) {
		t.Fatalf("ack = %v %v\nwant expired %s", ack.Level, m, want)
	}
	f.assertNoTimer()
}

// stepClock is a wall clock that a test steps; the registry's timers still
// run on the monotonic clock, as they would when an administrator or NTP
// steps the system clock.
type stepClock struct{ offset atomic.Int64 }

func (c *stepClock) now() time.Time       { return time.Now().Round(0).Add(time.Duration(c.offset.Load())) }
func (c *stepClock) step(d time.Duration) { c.offset.Add(int64(d)) }

func TestExpiryFollowsAClockSteppedForward(t *testing.T) {
	synctest.Test(t, testExpiryFollowsAClockSteppedForward)
}

func testExpiryFollowsAClockSteppedForward(t *testing.T) {
	var clock stepClock
	f := newFixture(t, withClock(clock.now))
	db := f.reg.Component("db")
	f.write("db until=" + ts(clock.now().Add(time.Hour)) + "\n")
	f.reload()
	mustNil(t, f.reg.Override("http", zapcore.DebugLevel, clock.now().Add(2*time.Hour)))
	http := f.reg.Component("http")
	clock.step(time.Hour)
	stepped := time.Now()
	changeAt(t, "the expiry after a step of the clock", db.Level, zapcore.DebugLevel, zapcore.InfoLevel, stepped)
	wait.For(t, "the expiry entry", func() bool { return len(expiries(f.logs)) == 1 })
	checkStepped(t, expiries(f.logs)[0], stepped)
	clock.step(time.Hour)
	stepped = time.Now()
	changeAt(t, "the override's expiry after a step of the clock", http.Level, zapcore.DebugLevel, zapcore.InfoLevel, stepped)
	wait.For(t, "the override's expiry entry", func() bool { return len(expiries(f.logs)) == 2 })
	checkStepped(t, expiries(f.logs)[1], stepped)
	if m := expiries(f.logs)[1].ContextMap(); m["rule"] != "override" || m["pattern"] != "http" {
		t.Fatalf("entry = %v", m)
	}
	f.assertNoTimer()
}

// TestEarlyTimerRearms: the clock steps back after the timer is set, so the
// timer fires before the instant by the wall clock. It must re-arm, not
// apply, and the rule must expire once the clock reaches the instant.
func TestEarlyTimerRearms(t *testing.T) {
	synctest.Test(t, testEarlyTimerRearms)
}

func testEarlyTimerRearms(t *testing.T) {
	var clock stepClock
	f := newFixture(t, withClock(clock.now))
	db := f.reg.Component("db")
	until := clock.now().Add(300 * time.Millisecond)
	f.write("db until=" + ts(until) + "\n")
	f.reload()
	clock.step(-time.Hour)
	// The timer fires at about until by the monotonic clock.
	wait.For(t, "the timer to fire early", func() bool { return time.Now().After(until.Add(2 * lateness)) })
	if db.Level() != zapcore.DebugLevel || len(expiries(f.logs)) != 0 {
		t.Fatalf("the rule expired early: db at %v", db.Level())
	}
	clock.step(time.Hour)
	stepped := time.Now()
	changeAt(t, "the expiry once the clock is back", db.Level, zapcore.DebugLevel, zapcore.InfoLevel, stepped)
	wait.For(t, "the expiry entry", func() bool { return len(expiries(f.logs)) == 1 })
	checkStepped(t, expiries(f.logs)[0], stepped)
}

// checkStepped checks that the expiry logged in e came within a second of
// the moment the clock was stepped past its instant.
func checkStepped(t *testing.T, e observer.LoggedEntry, stepped time.Time) {
	t.Helper()
	if d := e.Time.Sub(stepped); d < 0 || d > time.Second {
		t.Errorf("expiry logged %v after the clock was stepped past its instant, want within 1s", d)
	}
}

func TestOverrideExpires(t *testing.T) {
	synctest.Test(t, testOverrideExpires)
}

func testOverrideExpires(t *testing.T) {
	f := newFixture(t)
	db := f.reg.Component("db")
	f.write("db=warn\n")
	f.reload()
	until := time.Now().Add(300 * time.Millisecond)
	mustNil(t, f.reg.Override("db", zapcore.DebugLevel, until))
	e := f.expiryEntry(1)
	checkLate(t, e, until)
	if m := e.ContextMap(); m["rule"] != "override" || fmt.Sprint(m["changed"]) != "[db: debug→warn]" || db.Level() != zapcore.WarnLevel {
		t.Fatalf("entry = %v, db at %v", m, db.Level())
	}
	if len(f.reg.Overrides()) != 0 {
		t.Fatalf("Overrides = %v after the expiry", f.reg.Overrides())
	}
	if got := f.levels(); got != "db=warn@:1" {
		t.Fatalf("levels = %s", got)
	}
}

func TestSimultaneousExpiriesLogOnce(t *testing.T) {
	f := newFixture(t)
	db, http := f.reg.Component("db"), f.reg.Component("http")
	until := time.Now().Add(300 * time.Millisecond)
	f.write("db until=" + ts(until) + "\nhttp until=" + ts(until) + "\n")
	f.reload()
	changeAt(t, "db's expiry", db.Level, zapcore.DebugLevel, zapcore.InfoLevel, until)
	wait.For(t, "the expiry entry", func() bool { return len(expiries(f.logs)) == 1 })
	m := expiries(f.logs)[0].ContextMap()
	if http.Level() != zapcore.InfoLevel || m["rule"] != f.file+":1, "+f.file+":2" || m["pattern"] != "db, http" || m["changed_count"] != int64(2) {
		t.Fatalf("entry = %v", m)
	}
	if !strings.Contains(expiries(f.logs)[0].Message, "expired") {
		t.Fatal("no 'expired' in the message")
	}
}
