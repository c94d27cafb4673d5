package component

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

func TestEventGatesByLevel(t *testing.T) {
	core, entries := jsonCore(t)
	lv := NewLevel(zapcore.InfoLevel)
	l := New("db.pool", core, lv)

	if e := l.DebugEvent(); e != nil {
		t.Fatalf("DebugEvent at Info = %p, want nil", e)
	}
	l.DebugEvent().Int("n", 1).Msg("hidden")
	l.InfoEvent().Int("n", 2).Msg("info")
	l.WarnEvent().Msg("warn")
	l.ErrorEvent().Msg("error")
	lv.SetLevel(zapcore.DebugLevel)
	l.DebugEvent().Str("sql", "select 1").Msg("debug")
	lv.SetLevel(zapcore.ErrorLevel)
	l.InfoEvent().Msg("hidden")
	l.WarnEvent().Msg("hidden")
	l.ErrorEvent().Send()

	got := entries()
	want := []struct{ level, msg string }{
		{"info", "info"}, {"warn", "warn"}, {"error", "error"}, {"debug", "debug"}, {"error", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d entries %v, want %v", len(got), got, want)
	}
	for i, w := range want {
		if got[i]["level"] != w.level || got[i]["msg"] != w.msg || got[i]["logger"] != "db.pool" {
			t.Errorf("entry %d = %v, want level %s msg %q logger db.pool", i, got[i], w.level, w.msg)
		}
	}
	if got[0]["n"] != 2.0 || got[3]["sql"] != "select 1" {
		t.Errorf("fields missing: %v, %v", got[0], got[3])
	}
}

// A base core whose own level drops the entry gets no Event, so that no
// field is collected for nothing.
func TestEventIsNilWhenTheBaseCoreDrops(t *testing.T) {
	core, entries := jsonCore(t)
	warn, err := zapcore.NewIncreaseLevelCore(core, zapcore.WarnLevel)
	if err != nil {
		t.Fatal(err)
	}
	l := New("db", warn, NewLevel(zapcore.DebugLevel))
	if e := l.InfoEvent(); e != nil {
		t.Errorf("InfoEvent with the base core at Warn = %p, want nil", e)
	}
	l.WarnEvent().Msg("shown")
	if got := entries(); len(got) != 1 || got[0]["msg"] != "shown" {
		t.Errorf("entries = %v, want the warning alone", got)
	}
}

func TestNilEventChainsAndDiscards(t *testing.T) {
	var e *Event
	chain := e.Str("s", "x").Int("i", 1).Int64("i64", 2).Uint64("u", 3).Float64("f", 4).Bool("b", true).
		Dur("d", time.Second).Time("t", time.Now()).Err(errors.New("boom")).Stringer("st", time.Second).
		Any("a", 5).Field(zap.Int("z", 6))
	if chain != nil {
		t.Fatalf("methods of a nil Event returned %p, want nil", chain)
	}
	chain.Msg("nothing")
	chain.Send()

	var l *Logger
	for _, ev := range []*Event{l.DebugEvent(), l.InfoEvent(), l.WarnEvent(), l.ErrorEvent()} {
		if ev != nil {
			t.Errorf("an Event of a nil Logger = %p, want nil", ev)
		}
	}
}

// Every typed method encodes its field as the zap constructor of the same
// type does, so that the two forms write the same line.
func TestEventWritesAsTheZapForm(t *testing.T) {
	core, entries := jsonCore(t)
	l := New("db", core, NewLevel(zapcore.DebugLevel)).With(zap.String("shard", "a"))
	at := time.Date(2026, 11, 24, 18, 30, 0, 123, time.UTC)
	err := errors.New("boom")
	l.InfoEvent().Str("s", "x").Int("i", -1).Int64("i64", math.MinInt64).Uint64("u", math.MaxUint64).
		Float64("f", 0.5).Bool("b", true).Dur("d", 1500*time.Millisecond).Time("t", at).Err(err).
		Stringer("st", time.Second).Any("a", []int{1, 2}).Field(zap.Strings("z", []string{"p", "q"})).
		Msg("query")
	l.Info("query", zap.String("s", "x"), zap.Int("i", -1), zap.Int64("i64", math.MinInt64),
		zap.Uint64("u", math.MaxUint64), zap.Float64("f", 0.5), zap.Bool("b", true),
		zap.Duration("d", 1500*time.Millisecond), zap.Time("t", at), zap.Error(err),
		zap.Stringer("st", time.Second), zap.Any("a", []int{1, 2}), zap.Strings("z", []string{"p", "q"}))
	got := entries()
	if len(got) != 2 {
		t.Fatalf("got %d entries, want 2", len(got))
	}
	event, zapForm := fmt.Sprint(got[0]), fmt.Sprint(got[1])
	if event != zapForm {
		t.Errorf("event form wrote\n%s\nthe zap form\n%s", event, zapForm)
	}
	if got[0]["shard"] != "a" || got[0]["error"] != "boom" || got[0]["st"] != "1s" {
		t.Errorf("entry = %v, want the With field, the error and the Stringer", got[0])
	}
	// A nil error adds nothing, as with zap.Error.
	l.InfoEvent().Err(nil).Msg("ok")
	if e := entries()[2]; len(e) != 4 {
		t.Errorf("entry with a nil error = %v, want level, logger, msg and shard only", e)
	}
}

func TestEventCallerIsTheCallSite(t *testing.T) {
	core, entries := jsonCore(t)
	l := New("db", core, NewLevel(zapcore.DebugLevel), zap.AddCaller())
	// Each call is on the line after the one that records its line.
	var lines []int
	next := func() { _, _, line, _ := runtime.Caller(1); lines = append(lines, line+1) }
	next()
	l.DebugEvent().Int("n", 1).Msg("msg")
	next()
	l.InfoEvent().Send()
	next()
	l.With(zap.Int("c", 1)).WarnEvent().Str("s", "x").Msg("with")
	next()
	l.Debug("zap form")
	got := entries()
	if len(got) != len(lines) {
		t.Fatalf("got %d entries, want %d", len(got), len(lines))
	}
	for i, e := range got {
		caller, _ := e["caller"].(string)
		file, line, _ := strings.Cut(caller, ":")
		if filepath.Base(file) != "event_test.go" || line != strconv.Itoa(lines[i]) {
			t.Errorf("%q: caller = %q, want event_test.go:%d", e["msg"], caller, lines[i])
		}
	}
}

// Each entry carries its own fields only, whether its Event came fresh from
// the pool, was reused, or grew past what the pool keeps.
func TestPooledEventsDoNotShareFields(t *testing.T) {
	core, entries := jsonCore(t)
	l := New("db", core, NewLevel(zapcore.DebugLevel))
	big := l.InfoEvent()
	for i := range maxPooledFields + 1 {
		big = big.Int("f"+strconv.Itoa(i), i)
	}
	big.Msg("big")
	l.InfoEvent().Str("a", "1").Str("b", "2").Msg("first")
	l.InfoEvent().Str("c", "3").Msg("second")
	l.InfoEvent().Msg("third")
	got := entries()
	if len(got) != 4 {
		t.Fatalf("got %d entries, want 4", len(got))
	}
	if len(got[0]) != 3+maxPooledFields+1 {
		t.Errorf("big entry has %d keys, want %d", len(got[0]), 3+maxPooledFields+1)
	}
	for i, want := range []int{5, 4, 3} {
		if e := got[i+1]; len(e) != want {
			t.Errorf("entry %v has %d keys, want %d", e, len(e), want)
		}
	}
}

// mustPanicReused fails unless f panics with errEventReused.
func mustPanicReused(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		if r := recover(); r != errEventReused {
			t.Errorf("%s: recovered %v, want panic %q", what, r, errEventReused)
		}
	}()
	f()
}

// Using an Event after Msg or Send is a programming error. It panics at
// least while the Event waits in the pool; with the race detector, which
// keeps written Events out of the pool, always.
func TestEventReuseAfterMsgPanics(t *testing.T) {
	core, entries := jsonCore(t)
	l := New("db", core, NewLevel(zapcore.DebugLevel))

	e := l.InfoEvent().Str("a", "1")
	e.Msg("once")
	mustPanicReused(t, "a field after Msg", func() { e.Str("b", "2") })
	mustPanicReused(t, "Msg after Msg", func() { e.Msg("twice") })

	e = l.InfoEvent()
	e.Send()
	mustPanicReused(t, "Send after Send", func() { e.Send() })
	mustPanicReused(t, "Time after Send", func() { e.Time("t", time.Now()) })
	mustPanicReused(t, "Any after Send", func() { e.Any("a", 1) })

	if got := entries(); len(got) != 2 || got[0]["msg"] != "once" || got[0]["b"] != nil {
		t.Errorf("entries = %v, want once (without b) and the Send", got)
	}
	// The pool still hands out working Events.
	l.InfoEvent().Int("n", 1).Msg("after")
	if got := entries(); len(got) != 3 || got[2]["n"] != 1.0 {
		t.Errorf("entries = %v, want a third with n", got)
	}
}

// Events from many goroutines, sharing the pool, never mix their fields.
// Run with -race, this also checks that no written Event is touched again.
func TestConcurrentEvents(t *testing.T) {
	core, entries := jsonCore(t)
	l := New("db", core, NewLevel(zapcore.DebugLevel))
	const goroutines, each = 8, 200
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range each {
				e := l.InfoEvent().Int("g", g).Int("i", i)
				if i%2 == 0 {
					e = e.Str("even", strconv.Itoa(g*each+i))
				}
				e.Msg("entry")
			}
		})
	}
	wg.Wait()
	got := entries()
	if len(got) != goroutines*each {
		t.Fatalf("got %d entries, want %d", len(got), goroutines*each)
	}
	seen := map[[2]int]bool{}
	for _, e := range got {
		g, i := int(e["g"].(float64)), int(e["i"].(float64))
		seen[[2]int{g, i}] = true
		even, has := e["even"]
		if has != (i%2 == 0) || has && even != strconv.Itoa(g*each+i) {
			t.Errorf("entry %v: mixed fields", e)
		}
	}
	if len(seen) != goroutines*each {
		t.Errorf("%d distinct entries, want %d", len(seen), goroutines*each)
	}
}

func TestDisabledEventsDoNotAllocate(t *testing.T) {
	l := New("db", discardJSONCore(), NewLevel(zapcore.InfoLevel))
	n, s := 42, "select 1"
	allocs := testing.AllocsPerRun(1000, func() {
		l.DebugEvent().Int("n", n).Str("sql", s).Msg("query")
		l.DebugEvent().Int64("a", 1).Uint64("b", 2).Float64("c", 3).Bool("d", true).
			Dur("e", time.Second).Time("f", time.Time{}).Err(nil).Field(zap.Int("g", n)).Send()
	})
	if allocs != 0 {
		t.Fatalf("disabled event chain: %v allocs per call, want 0", allocs)
	}
}
