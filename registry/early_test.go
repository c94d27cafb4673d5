package registry

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

// A load before any component is registered, as scopelog.Open's first,
// says so at Info and names no rule as unmatched; NeverReadAfter later, the
// rules that still match no component get one warning, with suggestions,
// and LastReload lists them.
func TestEarlyLoad(t *testing.T) {
	obs, logs := observer.New(zapcore.DebugLevel)
	entries := make(chan zapcore.Entry, 64)
	file := filepath.Join(t.TempDir(), "components")
	writeFile("db.pool\nsaas.clinet=info record=50\n", 0o644)(t, file)
	reg := New(WithFile(file), WithCore(signalCore{obs, entries}), withNeverReadAfter(time.Millisecond))
	mustNil(t, reg.Reload())
	acks := logs.FilterLoggerName(SelfName).All()
	if len(acks) != 1 || acks[0].Message != earlyMsg || acks[0].Level != zapcore.InfoLevel || acks[0].ContextMap()["unmatched"] != nil {
		t.Fatalf("acknowledgement: %+v", acks)
	}
	// No level changed, so the rules say what the components will take,
	// record= included.
	if got := fmt.Sprint(acks[0].ContextMap()["loaded"]); got != "["+file+":1: db.pool=debug "+file+":2: saas.clinet=info record=50]" {
		t.Errorf("loaded = %s", got)
	}
	if u := reg.LastReload().Unmatched; len(u) != 0 {
		t.Errorf("LastReload().Unmatched = %q before any component", u)
	}
	pool := reg.Component("db.pool")
	reg.Component("saas.client")
	if pool.Level() != zapcore.DebugLevel {
		t.Errorf("db.pool at %v, want debug", pool.Level())
	}
	for ent := range entries {
		if ent.Message == lateUnmatchedMsg {
			break
		}
	}
	late := logs.FilterMessage(lateUnmatchedMsg).All()
	if len(late) != 1 || late[0].Level != zapcore.WarnLevel {
		t.Fatalf("late warnings: %+v", late)
	}
	got := fmt.Sprint(late[0].ContextMap()["unmatched"])
	if !strings.Contains(got, "components:2: no component matches saas.clinet; did you mean saas.client?") || strings.Contains(got, "db.pool") {
		t.Errorf("unmatched = %s, want saas.clinet alone, with the suggestion", got)
	}
	if u := reg.LastReload().Unmatched; len(u) != 1 || !strings.Contains(u[0], "saas.clinet") {
		t.Errorf("LastReload().Unmatched = %q", u)
	}
}

// A reload after the early load judges for itself: the early one's
// judgement is moot. And with every rule matched, there is nothing to say.
func TestEarlyLoadJudgementMoot(t *testing.T) {
	obs, logs := observer.New(zapcore.DebugLevel)
	file := filepath.Join(t.TempDir(), "components")
	writeFile("db.pool\nnope\n", 0o644)(t, file)
	reg := New(WithFile(file), WithCore(obs), withNeverReadAfter(time.Hour))
	mustNil(t, reg.Reload())
	reg.Component("db.pool")
	mustNil(t, reg.Reload())
	reg.judge(1)
	if n := logs.FilterMessage(lateUnmatchedMsg).Len(); n != 0 {
		t.Errorf("%d late warnings after a second reload", n)
	}
	if acks := logs.FilterMessage("components reloaded").All(); len(acks) != 1 || !strings.Contains(fmt.Sprint(acks[0].ContextMap()["unmatched"]), "nope") {
		t.Errorf("the second reload's acknowledgement: %+v", acks)
	}

	writeFile("db.pool\n", 0o644)(t, file)
	reg2 := New(WithFile(file), WithCore(obs), withNeverReadAfter(time.Hour))
	mustNil(t, reg2.Reload())
	reg2.Component("db.pool.conn")
	reg2.judge(1)
	if n := logs.FilterMessage(lateUnmatchedMsg).Len(); n != 0 {
		t.Errorf("%d late warnings with every rule matched", n)
	}
}
