package component

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/scopelog/scopelog/internal/slogcore"
)

// fakeClock is a zap clock that stands still until the test moves it.
type fakeClock struct{ ns atomic.Int64 }

func newFakeClock() *fakeClock {
	c := new(fakeClock)
	c.ns.Store(time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC).UnixNano())
	return c
}

func (c *fakeClock) Now() time.Time                         { return time.Unix(0, c.ns.Load()) }
func (c *fakeClock) NewTicker(d time.Duration) *time.Ticker { return time.NewTicker(d) }
func (c *fakeClock) add(d time.Duration)                    { c.ns.Add(int64(d)) }

func TestTokenBucket(t *testing.T) {
	t0 := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		limit Limit
		// steps are (offset from t0, entries tried, entries allowed).
		steps []struct {
			at             time.Duration
			tried, allowed int
		}
	}{
		{Limit{N: 100, Per: time.Second}, []struct {
			at             time.Duration
			tried, allowed int
		}{
			{0, 150, 100},                          // the burst is N
			{10 * time.Millisecond, 5, 1},          // one token per 10 ms
			{500 * time.Millisecond, 100, 49},      // refilled for 490 ms since
			{10 * time.Second, 1000, 100},          // the bucket holds N, no more
			{10*time.Second + 5, 1, 0},             // empty again
			{10*time.Second - time.Hour, 150, 100}, // a clock stepped back starts over
		}},
		{Limit{N: 3, Per: time.Minute}, []struct {
			at             time.Duration
			tried, allowed int
		}{
			{0, 10, 3},
			{19 * time.Second, 1, 0},
			{20 * time.Second, 1, 1},
			{10 * time.Minute, 10, 3},
		}},
	} {
		l := newLimiter(tc.limit, zapcore.InfoLevel)
		for _, s := range tc.steps {
			n := 0
			for range s.tried {
				if l.allow(t0.Add(s.at).UnixNano()) {
					n++
				}
			}
			if n != s.allowed {
				t.Errorf("%s at +%s: %d of %d allowed, want %d", tc.limit, s.at, n, s.tried, s.allowed)
			}
		}
	}
}

func TestLimitString(t *testing.T) {
	for l, want := range map[Limit]string{
		{}:                            "",
		{N: 100, Per: time.Second}:    "100/s",
		{N: 5, Per: time.Minute}:      "5/m",
		{N: 5, Per: time.Millisecond}: "5/1ms",
		{N: 0, Per: time.Second}:      "",
	} {
		if got := l.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", l, got, want)
		}
	}
}

// limited returns the component "db" at Debug, limited to n entries per
// second below Info, on a clock the test moves, writing to an observer.
func limited(t *testing.T, n int) (*Logger, *Level, *fakeClock, *observer.ObservedLogs) {
	t.Helper()
	core, logs := observer.New(zapcore.DebugLevel)
	clock := newFakeClock()
	lv := NewLevel(zapcore.DebugLevel)
	lv.SetLimit(Limit{N: n, Per: time.Second}, zapcore.InfoLevel)
	return New("db", core, lv, zap.WithClock(clock)), lv, clock, logs
}

func TestLimitDropsDebugOnlyAndCounts(t *testing.T) {
	l, lv, clock, logs := limited(t, 3)
	for i := range 10 {
		l.Debug("d", zap.Int("i", i))
		l.Info("i", zap.Int("i", i))
	}
	if got := logs.FilterMessage("d").Len(); got != 3 {
		t.Errorf("%d debug entries written, want 3", got)
	}
	if got := logs.FilterMessage("i").Len(); got != 10 {
		t.Errorf("%d info entries written, want all 10: the limit bounds what a rule adds", got)
	}
	if lv.Dropped() != 7 || lv.Written(zapcore.DebugLevel) != 3 || lv.Written(zapcore.InfoLevel) != 10 {
		t.Errorf("dropped %d, written debug %d info %d; want 7, 3, 10", lv.Dropped(), lv.Written(zapcore.DebugLevel), lv.Written(zapcore.InfoLevel))
	}
	clock.add(time.Second / 3)
	l.Debug("d")
	l.Debug("d")
	if got := logs.FilterMessage("d").Len(); got != 4 {
		t.Errorf("a third of a second later: %d debug entries in all, want 4", got)
	}
	// The same limit again keeps the bucket: a reload grants no burst.
	lv.SetLimit(Limit{N: 3, Per: time.Second}, zapcore.InfoLevel)
	l.Debug("d")
	if got := logs.FilterMessage("d").Len(); got != 4 {
		t.Errorf("after setting the same limit: %d debug entries, want 4", got)
	}
	if lv.Limit() != (Limit{N: 3, Per: time.Second}) {
		t.Errorf("Limit() = %v", lv.Limit())
	}
	lv.SetLimit(Limit{}, zapcore.InfoLevel)
	for range 5 {
		l.Debug("d")
	}
	if got := logs.FilterMessage("d").Len(); got != 9 || lv.Limit() != (Limit{}) {
		t.Errorf("with the limit removed: %d debug entries, want 9; Limit() = %v", got, lv.Limit())
	}
}

// Every front end meets the limit, on both kinds of sink.
func TestLimitEveryFrontEnd(t *testing.T) {
	fronts := map[string]func(l *Logger){
		"Debug":  func(l *Logger) { l.Debug("m") },
		"Event":  func(l *Logger) { l.DebugEvent().Int("n", 1).Msg("m") },
		"Zap":    func(l *Logger) { l.Zap().Debug("m") },
		"Sugar":  func(l *Logger) { l.Sugar().Debugw("m", "n", 1) },
		"Check":  func(l *Logger) { l.Check(zapcore.DebugLevel, "m").Write() },
		"With":   func(l *Logger) { l.With(zap.Int("n", 1)).Debug("m") },
		"Slog":   func(l *Logger) { l.Slog().Debug("m") },
		"SlogCt": func(l *Logger) { l.Slog().DebugContext(context.Background(), "m", "n", 1) },
	}
	sinks := map[string]func() (zapcore.Core, func() int){
		"zap core": func() (zapcore.Core, func() int) {
			core, logs := observer.New(zapcore.DebugLevel)
			return core, logs.Len
		},
		"slog handler": func() (zapcore.Core, func() int) {
			h := &countHandler{}
			return slogcore.New(h), func() int { return int(h.n.Load()) }
		},
	}
	for sname, newSink := range sinks {
		for fname, front := range fronts {
			core, written := newSink()
			lv := NewLevel(zapcore.DebugLevel)
			// Per minute: the bucket does not refill while the test runs.
			lv.SetLimit(Limit{N: 2, Per: time.Minute}, zapcore.InfoLevel)
			l := New("db", core, lv)
			for range 5 {
				front(l)
			}
			if written() != 2 || lv.Dropped() != 3 || lv.Written(zapcore.DebugLevel) != 2 {
				t.Errorf("%s, %s: written %d (counted %d), dropped %d; want 2, 2, 3", sname, fname, written(), lv.Written(zapcore.DebugLevel), lv.Dropped())
			}
		}
	}
}

type countHandler struct{ n atomic.Int64 }

func (h *countHandler) Enabled(context.Context, slog.Level) bool  { return true }
func (h *countHandler) Handle(context.Context, slog.Record) error { h.n.Add(1); return nil }
func (h *countHandler) WithAttrs([]slog.Attr) slog.Handler        { return h }
func (h *countHandler) WithGroup(string) slog.Handler             { return h }

// Entries the limit drops are not recorded either, and a recorded entry is
// not limited: the recorder has bounds of its own.
func TestLimitAndRecord(t *testing.T) {
	l, lv, _, logs := limited(t, 2)
	lv.SetRecord(10) // at Debug, nothing is below the written level
	for range 5 {
		l.Debug("d")
	}
	if lv.Recorded() != 0 || lv.Dropped() != 3 {
		t.Errorf("recorded %d, dropped %d; want 0 and 3", lv.Recorded(), lv.Dropped())
	}
	l.Error("e")
	if got := logs.Len(); got != 3 {
		t.Errorf("%d entries written, want the 2 debug and the error: %v", got, logs.All())
	}

	lv.SetLevel(zapcore.InfoLevel)
	for range 5 {
		l.Debug("r")
	}
	if lv.Recorded() != 5 || lv.Dropped() != 3 {
		t.Errorf("at info: recorded %d, dropped %d; want 5 and 3: recording is not limited", lv.Recorded(), lv.Dropped())
	}
}

// TestLimitReport waits for the Warn entry that reports the drops: one,
// about a second after the first drop, with the count and the limit; and
// one more for later drops, no sooner than a second after it.
func TestLimitReport(t *testing.T) {
	reports := make(chan observer.LoggedEntry, 4)
	core, logs := observer.New(zapcore.DebugLevel)
	lv := NewLevel(zapcore.DebugLevel)
	lv.SetLimit(Limit{N: 2, Per: time.Minute}, zapcore.InfoLevel)
	l := New("db", zapcore.NewTee(core, reportCore{reports}), lv)
	first := time.Now()
	for range 7 {
		l.Debug("d")
	}
	r := waitReport(t, reports)
	if r.Message != "dropped 5 debug entries: limit 2/m" || r.LoggerName != "db" || r.Level != zapcore.WarnLevel {
		t.Errorf("report %q on %q at %s", r.Message, r.LoggerName, r.Level)
	}
	if m := r.ContextMap(); m["dropped"] != uint64(5) || m["limit"] != "2/m" {
		t.Errorf("report fields %v", m)
	}
	if d := r.Time.Sub(first); d > 2*time.Second {
		t.Errorf("report %s after the first drop, want within 2s", d)
	}
	if lv.Written(zapcore.WarnLevel) != 1 {
		t.Errorf("the report is not counted as written: %d", lv.Written(zapcore.WarnLevel))
	}
	l.Debug("d")
	r2 := waitReport(t, reports)
	if r2.Message != "dropped 1 debug entries: limit 2/m" {
		t.Errorf("second report %q", r2.Message)
	}
	if d := r2.Time.Sub(r.Time); d < time.Second {
		t.Errorf("two reports %s apart, want at least 1s", d)
	}
	if n := logs.FilterMessageSnippet("dropped").Len(); n != 2 {
		t.Errorf("%d reports, want 2", n)
	}
	// A component that stops dropping leaves no goroutine behind: a report
	// runs on a timer's goroutine, which ends with it.
	goleak.VerifyNone(t)
}

func waitReport(t *testing.T, reports <-chan observer.LoggedEntry) observer.LoggedEntry {
	t.Helper()
	select {
	case r := <-reports:
		return r
	case <-time.After(10 * time.Second):
		t.Fatal("no report of the drops")
		return observer.LoggedEntry{}
	}
}

// reportCore passes the reports of drops to a channel.
type reportCore struct{ c chan<- observer.LoggedEntry }

func (reportCore) Enabled(zapcore.Level) bool          { return true }
func (r reportCore) With([]zapcore.Field) zapcore.Core { return r }
func (reportCore) Sync() error                         { return nil }
func (r reportCore) Check(ent zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	return ce.AddCore(ent, r)
}
func (r reportCore) Write(ent zapcore.Entry, fs []zapcore.Field) error {
	if ent.Level == zapcore.WarnLevel {
		r.c <- observer.LoggedEntry{Entry: ent, Context: fs}
	}
	return nil
}

// TestLimitConcurrent logs from 8 goroutines on one limited component:
// every entry is written or dropped, never both, never lost.
func TestLimitConcurrent(t *testing.T) {
	const goroutines, each = 8, 2000
	core, logs := observer.New(zapcore.DebugLevel)
	lv := NewLevel(zapcore.DebugLevel)
	lv.SetLimit(Limit{N: 500, Per: time.Second}, zapcore.InfoLevel)
	l := New("db", core, lv)
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range each {
				switch i % 3 {
				case 0:
					l.Debug("d", zap.Int("g", g))
				case 1:
					l.DebugEvent().Int("g", g).Msg("d")
				default:
					l.Slog().Debug("d", "g", g)
				}
			}
		})
	}
	wg.Wait()
	written, dropped := lv.Written(zapcore.DebugLevel), lv.Dropped()
	if written+dropped != goroutines*each {
		t.Errorf("written %d + dropped %d = %d, want %d", written, dropped, written+dropped, goroutines*each)
	}
	if got := uint64(logs.FilterMessage("d").Len()); got != written {
		t.Errorf("%d entries in the sink, %d counted as written", got, written)
	}
	if dropped == 0 {
		t.Error("nothing dropped: the test proves nothing")
	}
}

// The counters count what the sink takes: a sampler the program gave as
// its core still decides, and what it drops is not counted as written.
func TestWrittenCountsWhatTheSinkTakes(t *testing.T) {
	obs, logs := observer.New(zapcore.DebugLevel)
	sampled := zapcore.NewSamplerWithOptions(obs, time.Hour, 2, 0)
	lv := NewLevel(zapcore.DebugLevel)
	l := New("db", sampled, lv)
	for range 5 {
		l.Info("same")
		l.Zap().Info("same")
	}
	l.Debug("d")
	l.Slog().Warn("w")
	l.WarnEvent().Msg("w2")
	if logs.Len() != 5 {
		t.Fatalf("%d written, want 2 sampled infos + 3", logs.Len())
	}
	for lvl, want := range map[zapcore.Level]uint64{zapcore.DebugLevel: 1, zapcore.InfoLevel: 2, zapcore.WarnLevel: 2, zapcore.ErrorLevel: 0} {
		if got := lv.Written(lvl); got != want {
			t.Errorf("Written(%s) = %d, want %d", lvl, got, want)
		}
	}
	if new(Level).Written(zapcore.DebugLevel) != 0 || new(Level).Dropped() != 0 {
		t.Error("a new Level has counts")
	}
}

// Recorded entries count as written when a flush writes them, with the
// entry that introduces them; not when they are recorded.
func TestWrittenCountsFlushedEntries(t *testing.T) {
	l, lv, _ := recording(t, 10)
	for range 3 {
		l.Debug("step")
	}
	if lv.Written(zapcore.DebugLevel) != 0 {
		t.Errorf("recorded entries counted as written: %d", lv.Written(zapcore.DebugLevel))
	}
	l.Error("failed")
	for lvl, want := range map[zapcore.Level]uint64{zapcore.DebugLevel: 3, zapcore.InfoLevel: 1, zapcore.ErrorLevel: 1} {
		if got := lv.Written(lvl); got != want {
			t.Errorf("Written(%s) = %d, want %d", lvl, got, want)
		}
	}
}
