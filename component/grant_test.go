package component

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/internal/slogcore"
)

func under(prefix string) func(string) bool {
	return func(name string) bool { return name == prefix || strings.HasPrefix(name, prefix+".") }
}

func TestGrantWritesForItsContextOnly(t *testing.T) {
	core, entries := jsonCore(t)
	saas := New("saas.client", core, NewLevel(zapcore.InfoLevel))
	db := New("db", core, NewLevel(zapcore.InfoLevel))
	before := saas.Ctx(context.Background())
	granted, end := WithGrant(tenant("acme"), Grant{ID: "9f86d081884c7d65", Level: zapcore.DebugLevel, Covers: under("saas")})
	// The floor of every component is lowered while the grant is in
	// flight, for a Bound made before it too.
	other := tenant("acme")
	saas.Ctx(granted).Debug("granted", zap.Int("n", 1))
	saas.Ctx(granted).DebugEvent().Int("n", 2).Msg("granted event")
	saas.Ctx(granted).Zap().Debug("granted zap")
	saas.Slog().DebugContext(granted, "granted slog")
	db.Ctx(granted).Debug("not covered")
	saas.Ctx(other).Debug("another request")
	before.Debug("no context")
	saas.Ctx(granted).Info("written anyway")
	if !saas.Ctx(granted).Enabled(zapcore.DebugLevel) || saas.Ctx(other).Enabled(zapcore.DebugLevel) {
		t.Error("Enabled does not follow the grant")
	}
	end()
	end() // a second end changes nothing
	saas.Ctx(granted).Debug("after the end")
	_, other2 := WithGrant(context.Background(), Grant{ID: "c3", Level: zapcore.DebugLevel, Covers: under("saas")})
	saas.Ctx(granted).Debug("after the end, with another grant in flight")
	other2()
	got := entries()
	var msgs []string
	for _, e := range got {
		msgs = append(msgs, e["msg"].(string))
		switch {
		case strings.HasPrefix(e["msg"].(string), "granted"):
			if e["scope"] != "grant=9f86d081884c7d65" {
				t.Errorf("granted entry without its scope: %v", e)
			}
		default:
			if _, ok := e["scope"]; ok {
				t.Errorf("entry written anyway carries scope: %v", e)
			}
		}
	}
	want := "granted,granted event,granted zap,granted slog,written anyway"
	if strings.Join(msgs, ",") != want {
		t.Fatalf("entries %q, want %q", msgs, want)
	}
	// A recorder pool of another test may still be reachable.
	if f := saas.level.ctxFloor.Load(); interest.Load() == 0 && f != int32(zapcore.InfoLevel) {
		t.Errorf("ctxFloor after the last grant ended = %d, want Info", f)
	}
}

func TestGrantCondition(t *testing.T) {
	core, entries := jsonCore(t)
	l := New("db", core, NewLevel(zapcore.WarnLevel))
	ctx, end := WithGrant(tenant("acme"), Grant{ID: "a1", Level: zapcore.InfoLevel, Covers: under("db"), Condition: cond(t, "tenant=globex")})
	l.Ctx(ctx).Info("condition fails")
	end()
	ctx, end = WithGrant(tenant("globex"), Grant{ID: "a2", Level: zapcore.InfoLevel, Covers: under("db"), Condition: cond(t, "tenant=globex")})
	defer end()
	l.Ctx(ctx).Info("condition holds")
	l.Ctx(ctx).Debug("below the grant's level")
	got := entries()
	if len(got) != 1 || got[0]["msg"] != "condition holds" || got[0]["scope"] != "grant=a2" {
		t.Fatalf("entries = %v", got)
	}
}

func TestGrantSlogHandlerSink(t *testing.T) {
	var buf strings.Builder
	h := slog.NewJSONHandler(&lockedStringWriter{b: &buf}, &slog.HandlerOptions{Level: slog.LevelDebug})
	l := New("db", slogcore.New(h), NewLevel(zapcore.InfoLevel))
	ctx, end := WithGrant(context.Background(), Grant{ID: "b7", Level: zapcore.DebugLevel, Covers: under("db")})
	defer end()
	l.Slog().DebugContext(ctx, "granted")
	l.Slog().DebugContext(context.Background(), "quiet")
	if out := buf.String(); !strings.Contains(out, `"scope":"grant=b7"`) || strings.Contains(out, "quiet") {
		t.Fatalf("output %s", out)
	}
}

type lockedStringWriter struct{ b *strings.Builder }

func (w *lockedStringWriter) Write(p []byte) (int, error) { return w.b.Write(p) }

func TestWithGrantPanicsOnBadID(t *testing.T) {
	mustPanic(t, "an ID with a space", func() {
		WithGrant(context.Background(), Grant{ID: "a b", Covers: under("db")})
	})
	mustPanic(t, "nil Covers", func() { WithGrant(context.Background(), Grant{ID: "ab"}) })
}

// A component is tracked by its first call with a context below its
// level: until then its ctxFloor lets such a call through; after, it is
// the component's own, and a grant started later lowers it again.
func TestGrantReachesAComponentTrackedBefore(t *testing.T) {
	core, entries := jsonCore(t)
	l := New("db", core, NewLevel(zapcore.InfoLevel))
	if l.level.tracked.Load() || l.level.ctxFloor.Load() != int32(zapcore.DebugLevel) {
		t.Fatalf("a new Level: tracked %v, ctxFloor %d", l.level.tracked.Load(), l.level.ctxFloor.Load())
	}
	l.Ctx(context.Background()).Debug("quiet")
	if !l.level.tracked.Load() {
		t.Fatal("the first call with a context did not track the Level")
	}
	if interest.Load() == 0 && l.level.ctxFloor.Load() != int32(zapcore.InfoLevel) {
		t.Errorf("a tracked Level with nothing in flight: ctxFloor %d, want Info", l.level.ctxFloor.Load())
	}
	ctx, end := WithGrant(context.Background(), Grant{ID: "d4", Level: zapcore.DebugLevel, Covers: under("db")})
	l.Ctx(ctx).Debug("granted")
	end()
	l.Ctx(ctx).Debug("ended")
	if got := entries(); len(got) != 1 || got[0]["msg"] != "granted" {
		t.Fatalf("entries %v", got)
	}
}

// Grants start and end on 8 goroutines while the component's level
// changes and a recorder pool comes and goes: each entry carries its own
// grant's scope exactly when it is written below Info, and none is lost.
func TestGrantsRaceLevelChanges(t *testing.T) {
	core, entries := jsonCore(t)
	lv := NewLevel(zapcore.InfoLevel)
	l := New("db", core, lv)
	stop := make(chan struct{})
	var flips sync.WaitGroup
	flips.Add(1)
	go func() {
		defer flips.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			lv.SetLevel(zapcore.WarnLevel)
			lv.SetLevel(zapcore.InfoLevel)
		}
	}()
	var wg sync.WaitGroup
	const rounds = 200
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range rounds {
				id := fmt.Sprintf("g%di%d", g, i)
				ctx, end := WithGrant(context.Background(), Grant{ID: id, Level: zapcore.DebugLevel, Covers: under("db")})
				l.Ctx(ctx).Debug("granted", zap.String("id", id))
				end()
			}
		}()
	}
	wg.Wait()
	close(stop)
	flips.Wait()
	got := entries()
	if len(got) != 8*rounds {
		t.Fatalf("%d entries, want %d", len(got), 8*rounds)
	}
	for _, e := range got {
		if e["scope"] != "grant="+e["id"].(string) {
			t.Fatalf("entry with the wrong scope: %v", e)
		}
	}
}
