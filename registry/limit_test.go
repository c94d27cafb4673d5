package registry

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/internal/wait"
)

func TestParseLimit(t *testing.T) {
	src := "db=debug limit=100/s\n" +
		"saas.client limit=5/m record=20 until=2026-11-26T18:00:00Z\n" +
		"http=info record=3 limit=1000000/s\n" +
		"x limit=+7/s\n"
	rules, err := Parse("f", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	until := time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC)
	want := []Rule{
		{Pattern: "db", Level: zapcore.DebugLevel, Limit: component.Limit{N: 100, Per: time.Second}, File: "f", Line: 1},
		{Pattern: "saas.client", Level: zapcore.DebugLevel, Record: 20, Limit: component.Limit{N: 5, Per: time.Minute}, Until: until, File: "f", Line: 2},
		{Pattern: "http", Level: zapcore.InfoLevel, Record: 3, Limit: component.Limit{N: 1_000_000, Per: time.Second}, File: "f", Line: 3},
		{Pattern: "x", Level: zapcore.DebugLevel, Limit: component.Limit{N: 7, Per: time.Second}, File: "f", Line: 4},
	}
	if fmt.Sprint(rules) != fmt.Sprint(want) {
		t.Fatalf("Parse =\n%v\nwant\n%v", rules, want)
	}
	wantStrings := []string{
		"db=debug limit=100/s",
		"saas.client=debug record=20 limit=5/m until=2026-11-26T18:00:00Z",
		"http=info record=3 limit=1000000/s",
		"x=debug limit=7/s",
	}
	for i, r := range rules {
		if r.String() != wantStrings[i] {
			t.Errorf("String() = %q, want %q", r.String(), wantStrings[i])
		}
		again, err := Parse("f", []byte(r.String()))
		if err != nil || len(again) != 1 || again[0].Limit != r.Limit || again[0].Record != r.Record || !again[0].Until.Equal(r.Until) {
			t.Errorf("round trip of %s: %v, %v", r, again, err)
		}
	}
}

func TestParseLimitErrors(t *testing.T) {
	const want = "expected a number of entries from 1 to 1000000 per second or minute after limit=, such as limit=100/s or limit=500/m"
	for _, tt := range []struct{ src, want string }{
		{"db limit=", "f:1:10: " + want},
		{"db limit=/s", "f:1:10: " + want},
		{"db=debug limit=x/s", `f:1:16: invalid number "x": ` + want},
		{"db limit=0/s", `f:1:10: limit="0" out of range: ` + want},
		{"db limit=-3/s", `f:1:10: limit="-3" out of range: ` + want},
		{"db limit=1000001/s", `f:1:10: limit="1000001" out of range: ` + want},
		{"db limit=99999999999999999999999/s", `f:1:10: limit="99999999999999999999999" out of range: ` + want},
		{"db limit=100", "f:1:13: expected /s or /m after limit=100: a limit is a rate, such as limit=100/s"},
		{"db limit=100/h", `f:1:14: unknown unit "h" after limit=100/: expected s (per second) or m (per minute), such as limit=100/s`},
		{"db limit=100/", `f:1:14: unknown unit "" after limit=100/: expected s (per second) or m (per minute), such as limit=100/s`},
		{"db limit=100/s/s", `f:1:14: unknown unit "s/s" after limit=100/: expected s (per second) or m (per minute), such as limit=100/s`},
		{"db limit=1/s limit=2/s", "f:1:14: a second limit= on one line: a rule has one limit"},
	} {
		_, err := Parse("f", []byte(tt.src))
		var se *SyntaxError
		if err == nil || err.Error() != tt.want || !errors.As(err, &se) {
			t.Errorf("Parse(%q) error\n got %v\nwant %s", tt.src, err, tt.want)
		}
	}
}

// limitedEntries logs n Debug and n Info entries on name, and returns how
// many of each the registry's sink took.
func limitedEntries(f *fixture, name string, n int) (debug, info int) {
	l := f.reg.Component(name)
	before := f.logs.FilterLoggerName(name)
	d0, i0 := before.FilterLevelExact(zapcore.DebugLevel).Len(), before.FilterLevelExact(zapcore.InfoLevel).Len()
	for range n {
		l.Debug("d")
		l.Info("i")
	}
	after := f.logs.FilterLoggerName(name)
	return after.FilterLevelExact(zapcore.DebugLevel).Len() - d0, after.FilterLevelExact(zapcore.InfoLevel).Len() - i0
}

func TestLimitFromTheFile(t *testing.T) {
	f := newFixture(t)
	f.reg.Component("db")
	f.reg.Component("http")
	// Per minute, so that the bucket does not refill while the test runs.
	f.write("db=debug limit=3/m\nhttp=debug\n")
	f.reload()
	if d, i := limitedEntries(f, "db", 10); d != 3 || i != 10 {
		t.Errorf("db wrote %d debug and %d info entries, want 3 and 10: the limit bounds debug only", d, i)
	}
	if d, _ := limitedEntries(f, "http", 10); d != 10 {
		t.Errorf("http, with no limit, wrote %d debug entries, want 10", d)
	}
	st := status(f, "db")
	if st.Limit != (component.Limit{N: 3, Per: time.Minute}) || st.Dropped != 7 {
		t.Errorf("status %+v, want limit 3/m and 7 dropped", st)
	}
	if st.Written["debug"] != 3 || st.Written["info"] != 10 || len(st.Written) != 2 {
		t.Errorf("written %v, want debug 3, info 10", st.Written)
	}
	if st := status(f, "http"); st.Limit != (component.Limit{}) || st.Dropped != 0 || st.Written["debug"] != 10 {
		t.Errorf("http status %+v", st)
	}
	// A reload with the same rule grants no new burst.
	f.reload()
	if d, _ := limitedEntries(f, "db", 5); d != 0 {
		t.Errorf("after a reload that changes nothing, db wrote %d debug entries, want 0", d)
	}
	// Removing the limit removes it; the count of drops stays.
	f.write("db=debug\n")
	f.reload()
	if d, _ := limitedEntries(f, "db", 5); d != 5 {
		t.Errorf("with the limit removed, db wrote %d debug entries, want 5", d)
	}
	if st := status(f, "db"); st.Limit != (component.Limit{}) || st.Dropped != 12 {
		t.Errorf("status %+v, want no limit and 12 dropped", st)
	}
}

func TestDebugLimitAppliesToRulesWithoutOne(t *testing.T) {
	f := newFixture(t, WithDebugLimit(2))
	f.reg.Component("db")
	f.reg.Component("http")
	f.reg.Component("clock")
	f.write("db=debug\nhttp=debug limit=4/m\n")
	f.reload()
	for name, want := range map[string]component.Limit{
		"db":    {N: 2, Per: time.Second},
		"http":  {N: 4, Per: time.Minute},
		"clock": {}, // no rule: at the default level, nothing to bound
	} {
		if st := status(f, name); st.Limit != want {
			t.Errorf("%s: limit %v, want %v", name, st.Limit, want)
		}
	}
	if err := f.reg.Override("clock", zapcore.DebugLevel, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if st := status(f, "clock"); st.Limit != (component.Limit{N: 2, Per: time.Second}) {
		t.Errorf("an override: limit %v, want the debug limit", st.Limit)
	}
}

// A limit combines with until=: when the rule expires, its limit goes with
// it; and with record=, which the limit does not bound.
func TestLimitExpiresWithItsRule(t *testing.T) {
	f := newFixture(t)
	db := f.reg.Component("db")
	until := time.Now().Add(300 * time.Millisecond)
	f.write(fmt.Sprintf("db=debug limit=2/m until=%s\nsaas=info record=5 limit=1/m\n", ts(until)))
	f.reload()
	if st := status(f, "db"); st.Limit.N != 2 {
		t.Fatalf("status %+v", st)
	}
	saas := f.reg.Component("saas")
	for range 5 {
		saas.Debug("recorded")
	}
	if st := status(f, "saas"); st.Recorded != 5 || st.Dropped != 0 {
		t.Errorf("saas: %+v, want 5 recorded, none dropped: recording is not limited", st)
	}
	wait.For(t, "the expiry", func() bool { return len(expiries(f.logs)) == 1 })
	if st := status(f, "db"); st.Limit != (component.Limit{}) || st.Level != zapcore.InfoLevel {
		t.Errorf("after the expiry: %+v, want no limit, at info", st)
	}
	db.Debug("quiet")
	if n := f.logs.FilterMessage("quiet").Len(); n != 0 {
		t.Errorf("%d debug entries after the expiry", n)
	}
}

// The Warn report of the drops reaches the registry's sink, on the
// component that dropped them.
func TestLimitReportOnTheComponent(t *testing.T) {
	f := newFixture(t)
	f.reg.Component("db")
	f.write("db=debug limit=1/m\n")
	f.reload()
	limitedEntries(f, "db", 4)
	wait.For(t, "the report", func() bool { return f.logs.FilterMessageSnippet("dropped").Len() > 0 })
	r := f.logs.FilterMessageSnippet("dropped").All()[0]
	if r.Message != "dropped 3 debug entries: limit 1/m" || r.LoggerName != "db" || r.Level != zapcore.WarnLevel {
		t.Errorf("report %q on %q at %s", r.Message, r.LoggerName, r.Level)
	}
	if !strings.Contains(fmt.Sprint(r.ContextMap()), "limit:1/m") {
		t.Errorf("report fields %v", r.ContextMap())
	}
}

// TestLimitUnderReloads logs from 8 goroutines on one limited component
// while reloads change its limit: every entry is written or dropped,
// exactly once.
func TestLimitUnderReloads(t *testing.T) {
	const goroutines, each = 8, 1000
	f := newFixture(t)
	db := f.reg.Component("db")
	f.write("db=debug limit=50/s\n")
	f.reload()
	done := make(chan struct{})
	reloads := make(chan int)
	go func() {
		n := 0
		defer func() { reloads <- n }()
		for i := 0; ; i++ {
			select {
			case <-done:
				return
			default:
			}
			f.write([]string{"db=debug limit=5/m\n", "db=debug\n", "db=debug limit=50/s\n"}[i%3])
			if err := f.reg.Reload(); err != nil {
				t.Error(err)
				return
			}
			n++
		}
	}()
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range each {
				if i%2 == 0 {
					db.Debug("d", zap.Int("g", g))
				} else {
					db.Slog().Debug("d", "g", g)
				}
			}
		})
	}
	wg.Wait()
	close(done)
	n := <-reloads
	st := status(f, "db")
	if got := st.Written["debug"] + st.Dropped; got != goroutines*each {
		t.Errorf("written %d + dropped %d = %d, want %d (%d reloads)", st.Written["debug"], st.Dropped, got, goroutines*each, n)
	}
	if got := uint64(f.logs.FilterMessage("d").Len()); got != st.Written["debug"] {
		t.Errorf("%d entries in the sink, %d counted", got, st.Written["debug"])
	}
}
