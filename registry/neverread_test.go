package registry

import (
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

// withNeverReadAfter shortens the wait of the never-read warning.
func withNeverReadAfter(d time.Duration) Option {
	return optionFunc(func(c *config) { c.neverRead = d })
}

// signalCore passes every entry to a core and then to a channel, so that a
// test can wait for an entry that a timer writes.
type signalCore struct {
	zapcore.Core
	ch chan zapcore.Entry
}

func (c signalCore) With(fields []zapcore.Field) zapcore.Core {
	return signalCore{c.Core.With(fields), c.ch}
}

func (c signalCore) Check(ent zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	if c.Enabled(ent.Level) {
		return ce.AddCore(ent, c)
	}
	return ce
}

func (c signalCore) Write(ent zapcore.Entry, fields []zapcore.Field) error {
	err := c.Core.Write(ent, fields)
	c.ch <- ent
	return err
}

func neverReadWarnings(logs *observer.ObservedLogs) int {
	return logs.FilterLoggerName(SelfName).FilterMessage(neverReadMsg).Len()
}

// A program that registers a component and forgets the first Reload hears
// about it, once, from the timer.
func TestNeverReadWarns(t *testing.T) {
	obs, logs := observer.New(zapcore.DebugLevel)
	entries := make(chan zapcore.Entry, 16)
	file := filepath.Join(t.TempDir(), "components")
	reg := New(WithFile(file), WithCore(signalCore{obs, entries}), withNeverReadAfter(time.Millisecond))
	reg.Component("db").Info("started")
	for ent := range entries {
		if ent.Message == neverReadMsg {
			if ent.Level != zapcore.WarnLevel || ent.LoggerName != SelfName {
				t.Errorf("warning at %v on %q, want warn on %q", ent.Level, ent.LoggerName, SelfName)
			}
			break
		}
	}
	w := logs.FilterMessage(neverReadMsg).All()[0]
	if got := w.ContextMap()["file"]; got != file {
		t.Errorf("the warning names file %v, want %s", got, file)
	}
	// Once only: neither the timer's work again nor new components repeat it.
	reg.neverReadFired()
	reg.Component("db.pool")
	if n := neverReadWarnings(logs); n != 1 {
		t.Errorf("%d warnings, want 1", n)
	}
}

// A Reload before the timer fires stops it: no warning, ever.
func TestNeverReadStoppedByReload(t *testing.T) {
	obs, logs := observer.New(zapcore.DebugLevel)
	reg := New(WithFile(filepath.Join(t.TempDir(), "components")), WithCore(obs), withNeverReadAfter(time.Hour))
	reg.Component("db")
	mustNil(t, reg.Reload())
	if reg.never.timer.Stop() {
		t.Error("the timer was still pending after Reload")
	}
	reg.neverReadFired() // as if the timer had fired anyway
	reg.Component("db.pool")
	if n := neverReadWarnings(logs); n != 0 {
		t.Errorf("%d warnings after a Reload, want 0", n)
	}
}

// A failed Reload counts: the file was read, and its error logged.
func TestNeverReadFailedReloadCounts(t *testing.T) {
	obs, logs := observer.New(zapcore.DebugLevel)
	file := filepath.Join(t.TempDir(), "components")
	writeFile("db=verbose\n", 0o644)(t, file)
	reg := New(WithFile(file), WithCore(obs), withNeverReadAfter(time.Hour))
	reg.Component("db")
	if reg.Reload() == nil {
		t.Fatal("Reload of an invalid file succeeded")
	}
	reg.neverReadFired()
	if n := neverReadWarnings(logs); n != 0 {
		t.Errorf("%d warnings after a failed Reload, want 0", n)
	}
}

// With no component in use when the timer fires, the warning waits for the
// first one: it is component use with no Reload that is wrong.
func TestNeverReadWaitsForAComponent(t *testing.T) {
	obs, logs := observer.New(zapcore.DebugLevel)
	reg := New(WithFile(filepath.Join(t.TempDir(), "components")), WithCore(obs), withNeverReadAfter(time.Hour))
	reg.never.timer.Stop()
	reg.neverReadFired()
	if n := neverReadWarnings(logs); n != 0 {
		t.Fatalf("%d warnings with no component in use, want 0", n)
	}
	reg.Component("db")
	reg.Component("http")
	if n := neverReadWarnings(logs); n != 1 {
		t.Errorf("%d warnings after the first components, want 1", n)
	}
}

// A registry without a file has nothing to read and no timer.
func TestNeverReadNeedsAFile(t *testing.T) {
	if reg := New(); reg.never.timer != nil {
		t.Error("a registry without a file armed the never-read timer")
	}
	var zero Registry
	zero.Component("db")
	if zero.never.timer != nil {
		t.Error("the zero Registry armed the never-read timer")
	}
}

// The pending timer does not keep a registry the program dropped alive: it
// holds it weakly.
func TestNeverReadTimerHoldsRegistryWeakly(t *testing.T) {
	collected := make(chan struct{})
	func() {
		reg := New(WithFile(filepath.Join(t.TempDir(), "components")), WithCore(zapcore.NewNopCore()), withNeverReadAfter(time.Hour))
		reg.Component("db")
		runtime.AddCleanup(reg, func(ch chan struct{}) { close(ch) }, collected)
	}()
	for i := 0; ; i++ {
		runtime.GC()
		select {
		case <-collected:
			return
		default:
		}
		if i == 100 {
			t.Fatal("the registry was not collected after 100 collections: something holds it")
		}
		runtime.Gosched()
	}
}
