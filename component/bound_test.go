package component

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/internal/slogcore"
)

func cond(t testing.TB, text string) *Condition {
	t.Helper()
	c, err := ParseCondition(text)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// tenant returns a context whose scope holds tenant=name, among others.
func tenant(name string) context.Context {
	ctx := WithScope(context.Background(), "request", "7f3a9c")
	ctx = WithScope(ctx, "tenant", name)
	return WithScope(ctx, "user", "42")
}

func TestBoundWithoutScopedRulesIsThePlainLogger(t *testing.T) {
	core, entries := jsonCore(t)
	l := New("db", core, NewLevel(zapcore.InfoLevel))
	b := l.Ctx(tenant("acme"))
	b.Debug("hidden")
	b.DebugEvent().Int("n", 1).Msg("hidden")
	if b.Enabled(zapcore.DebugLevel) || !b.Enabled(zapcore.InfoLevel) {
		t.Error("Enabled differs from the component's level")
	}
	b.Info("shown", zap.Int("n", 1))
	b.WarnEvent().Int("n", 2).Msg("shown")
	got := entries()
	if len(got) != 2 || got[0]["msg"] != "shown" || got[1]["level"] != "warn" {
		t.Fatalf("entries = %v", got)
	}
	for _, e := range got {
		if _, ok := e["scope"]; ok {
			t.Errorf("an entry written by the component's own level carries scope: %v", e)
		}
	}
}

func TestScopedRuleWritesOnlyForItsScope(t *testing.T) {
	core, entries := jsonCore(t)
	lv := NewLevel(zapcore.InfoLevel)
	var written atomic.Uint64
	lv.SetScoped([]Scoped{{Condition: cond(t, "tenant=acme"), Level: zapcore.DebugLevel, Written: &written}})
	l := New("saas.client", core, lv)

	acme, globex := l.Ctx(tenant("acme")), l.Ctx(tenant("globex"))
	acme.Debug("acme zap", zap.Int("n", 1))
	globex.Debug("globex zap", zap.Int("n", 1))
	acme.DebugEvent().Int("n", 2).Msg("acme event")
	globex.DebugEvent().Int("n", 2).Msg("globex event")
	l.Debug("plain, no context")
	//lint:ignore SA1012 a nil context carries no scope, and must not panic
	l.Ctx(nil).Debug("nil context")
	l.Ctx(context.Background()).Debug("no scope")
	acme.Info("acme info")
	if !acme.Enabled(zapcore.DebugLevel) || globex.Enabled(zapcore.DebugLevel) {
		t.Error("Enabled does not follow the scope")
	}

	got := entries()
	want := []struct {
		msg, scope string
	}{{"acme zap", "tenant=acme"}, {"acme event", "tenant=acme"}, {"acme info", ""}}
	if len(got) != len(want) {
		t.Fatalf("entries = %v, want %v", got, want)
	}
	for i, w := range want {
		s, has := got[i]["scope"]
		if got[i]["msg"] != w.msg || w.scope != "" && s != w.scope || w.scope == "" && has {
			t.Errorf("entry %d = %v, want msg %q scope %q", i, got[i], w.msg, w.scope)
		}
	}
	if n := written.Load(); n != 2 {
		t.Errorf("the rule counted %d entries, want 2", n)
	}
}

// The most verbose rule that holds applies; the scope field names it.
func TestMostVerboseScopedRuleApplies(t *testing.T) {
	core, entries := jsonCore(t)
	lv := NewLevel(zapcore.ErrorLevel)
	lv.SetScoped([]Scoped{
		{Condition: cond(t, "tenant=acme"), Level: zapcore.InfoLevel},
		{Condition: cond(t, "user=42"), Level: zapcore.DebugLevel},
		{Condition: cond(t, "tenant=globex"), Level: zapcore.WarnLevel},
	})
	l := New("db", core, lv)
	l.Ctx(tenant("acme")).Debug("d") // user=42 holds too
	l.Ctx(tenant("acme")).Warn("w")  // debug is the most verbose that holds
	l.Ctx(WithScope(context.Background(), "tenant", "acme")).Info("i")
	l.Ctx(WithScope(context.Background(), "tenant", "acme")).Debug("hidden")
	l.Ctx(WithScope(context.Background(), "tenant", "globex")).Info("hidden")
	got := entries()
	if len(got) != 3 || got[0]["scope"] != "user=42" || got[1]["scope"] != "user=42" || got[2]["scope"] != "tenant=acme" {
		t.Fatalf("entries = %v", got)
	}
}

// A Bound kept from before a rule existed follows the rule from its next
// call, and falls quiet at the next call after the rule goes.
func TestBoundFollowsRulesSetAfterIt(t *testing.T) {
	core, entries := jsonCore(t)
	lv := NewLevel(zapcore.InfoLevel)
	l := New("saas.client", core, lv)
	log := l.Ctx(tenant("acme"))
	z := log.Zap()
	log.Debug("before")
	z.Debug("before")
	lv.SetScoped([]Scoped{{Condition: cond(t, "tenant=acme"), Level: zapcore.DebugLevel}})
	log.Debug("during")
	z.Debug("during")
	lv.SetScoped(nil)
	log.Debug("after")
	z.Debug("after")
	got := entries()
	if len(got) != 2 || got[0]["msg"] != "during" || got[1]["msg"] != "during" {
		t.Fatalf("entries = %v", got)
	}
}

// Every front end that takes a context honours the scope, on a zap core and
// on a slog handler.
func TestEveryFrontEndHonoursTheScope(t *testing.T) {
	type sink struct {
		name string
		make func(*bytes.Buffer) zapcore.Core
	}
	sinks := []sink{
		{"zap", func(b *bytes.Buffer) zapcore.Core {
			cfg := zap.NewProductionEncoderConfig()
			cfg.TimeKey = ""
			return zapcore.NewCore(zapcore.NewJSONEncoder(cfg), zapcore.AddSync(b), zapcore.DebugLevel)
		}},
		{"slog", func(b *bytes.Buffer) zapcore.Core {
			return slogcore.New(slog.NewJSONHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug}))
		}},
	}
	fronts := []struct {
		name string
		log  func(l *Logger, ctx context.Context)
	}{
		{"zap form", func(l *Logger, ctx context.Context) { l.Ctx(ctx).Debug("m", zap.Int("n", 1)) }},
		{"event", func(l *Logger, ctx context.Context) { l.Ctx(ctx).DebugEvent().Int("n", 1).Msg("m") }},
		{"Zap", func(l *Logger, ctx context.Context) { l.Ctx(ctx).Zap().Debug("m", zap.Int("n", 1)) }},
		{"Zap.With", func(l *Logger, ctx context.Context) { l.Ctx(ctx).Zap().With(zap.Int("n", 1)).Debug("m") }},
		{"Sugar", func(l *Logger, ctx context.Context) { l.Ctx(ctx).Sugar().Debugw("m", "n", 1) }},
		{"DebugContext", func(l *Logger, ctx context.Context) { l.Slog().DebugContext(ctx, "m", "n", 1) }},
		{"Log", func(l *Logger, ctx context.Context) { l.Slog().Log(ctx, slog.LevelDebug, "m", "n", 1) }},
		{"LogAttrs", func(l *Logger, ctx context.Context) {
			l.Slog().LogAttrs(ctx, slog.LevelDebug, "m", slog.Int("n", 1))
		}},
		{"slog With", func(l *Logger, ctx context.Context) { l.Slog().With("n", 1).DebugContext(ctx, "m") }},
		{"slog WithGroup", func(l *Logger, ctx context.Context) {
			l.Slog().WithGroup("g").With("n", 1).DebugContext(ctx, "m")
		}},
	}
	for _, s := range sinks {
		for _, f := range fronts {
			t.Run(s.name+"/"+f.name, func(t *testing.T) {
				var buf bytes.Buffer
				lv := NewLevel(zapcore.InfoLevel)
				lv.SetScoped([]Scoped{{Condition: cond(t, "tenant=acme"), Level: zapcore.DebugLevel}})
				l := New("saas.client", s.make(&buf), lv)
				f.log(l, tenant("globex"))
				f.log(l, context.Background())
				if buf.Len() != 0 {
					t.Fatalf("written for another scope: %s", buf.String())
				}
				f.log(l, tenant("acme"))
				var e map[string]any
				if err := json.Unmarshal(buf.Bytes(), &e); err != nil {
					t.Fatalf("not one JSON entry: %q", buf.String())
				}
				if e["scope"] != "tenant=acme" || e["msg"] != "m" {
					t.Errorf("entry %v, want scope tenant=acme", e)
				}
				if n, ok := e["n"]; !ok && strings.Contains(f.name, "Group") {
					n = e["g"].(map[string]any)["n"]
					if n != 1.0 {
						t.Errorf("entry %v lacks its field", e)
					}
				} else if n != 1.0 {
					t.Errorf("entry %v lacks its field", e)
				}
			})
		}
	}
}

func TestSlogHandlerEnabledTakesTheContext(t *testing.T) {
	for _, core := range []zapcore.Core{discardJSONCore(), slogcore.New(slog.NewJSONHandler(&bytes.Buffer{}, &slog.HandlerOptions{Level: slog.LevelDebug}))} {
		lv := NewLevel(zapcore.InfoLevel)
		lv.SetScoped([]Scoped{{Condition: cond(t, "tenant=acme"), Level: zapcore.DebugLevel}})
		h := New("db", core, lv).Slog().Handler()
		if !h.Enabled(tenant("acme"), slog.LevelDebug) || h.Enabled(tenant("globex"), slog.LevelDebug) ||
			h.Enabled(context.Background(), slog.LevelDebug) || !h.Enabled(context.Background(), slog.LevelInfo) {
			t.Errorf("%T: Enabled does not follow the scope", core)
		}
	}
}

// Entries that a scoped rule lets through name the caller, as any entry
// does: the open logger counts the same frames.
func TestScopedEntriesNameTheirCaller(t *testing.T) {
	core, entries := jsonCore(t)
	lv := NewLevel(zapcore.InfoLevel)
	lv.SetScoped([]Scoped{{Condition: cond(t, "tenant=acme"), Level: zapcore.DebugLevel}})
	l := New("db", core, lv, zap.AddCaller()).With(zap.String("shard", "a"))
	b := l.Ctx(tenant("acme"))
	_, _, line, _ := runtime.Caller(0)
	b.Debug("zap form")
	b.DebugEvent().Msg("event")
	b.Zap().Debug("Zap")
	b.Info("plain")
	for i, e := range entries() {
		want := "component/" + filepath.Base("bound_test.go") + ":" + itoa(line+1+i)
		if c, _ := e["caller"].(string); c != want {
			t.Errorf("%v: caller %q, want %q", e["msg"], c, want)
		}
		if e["shard"] != "a" {
			t.Errorf("%v: lost the With field: %v", e["msg"], e)
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// A recording component records through a Bound as through the Logger, and
// an entry a scoped rule lets through is written rather than recorded.
func TestRecorderWorksThroughCtx(t *testing.T) {
	core, entries := jsonCore(t)
	lv := NewLevel(zapcore.InfoLevel)
	lv.SetRecord(10)
	lv.SetScoped([]Scoped{{Condition: cond(t, "tenant=acme"), Level: zapcore.DebugLevel}})
	l := New("db", core, lv)
	l.Ctx(tenant("globex")).Debug("recorded zap")
	l.Ctx(tenant("globex")).DebugEvent().Msg("recorded event")
	l.Slog().DebugContext(tenant("globex"), "recorded slog")
	l.Ctx(tenant("acme")).Debug("written")
	if n := lv.Recorded(); n != 3 {
		t.Fatalf("recorded %d entries, want 3", n)
	}
	l.Ctx(tenant("globex")).Error("failed")
	var msgs []string
	for _, e := range entries() {
		msgs = append(msgs, e["msg"].(string))
	}
	want := "written|3 recorded entries before this error|recorded zap|recorded event|recorded slog|failed"
	if got := strings.Join(msgs, "|"); got != want {
		t.Errorf("entries %s, want %s", got, want)
	}
}

func TestZeroAndNilBoundsDiscard(t *testing.T) {
	var nilLogger *Logger
	for _, b := range []Bound{{}, nilLogger.Ctx(tenant("acme"))} {
		b.Debug("x")
		b.Error("x")
		b.ErrorEvent().Msg("x")
		b.Zap().Error("x")
		b.Sugar().Errorw("x")
		if b.Enabled(zapcore.ErrorLevel) {
			t.Error("a nil Bound is enabled")
		}
	}
}

// A scoped rule that records keeps, for its scope only, the entries below
// its level, in a buffer apart from the component's own, and writes them
// out before the component's next error, each with its scope.
func TestScopedRuleRecords(t *testing.T) {
	for _, sink := range []string{"zap", "slog"} {
		t.Run(sink, func(t *testing.T) {
			var buf bytes.Buffer
			core := zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()), zapcore.AddSync(&buf), zapcore.DebugLevel)
			if sink == "slog" {
				core = slogcore.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
			}
			lv := NewLevel(zapcore.WarnLevel)
			lv.SetScoped([]Scoped{{Condition: cond(t, "tenant=acme"), Level: zapcore.InfoLevel, Record: 10}})
			l := New("db", core, lv)
			acme, globex := l.Ctx(tenant("acme")), l.Ctx(tenant("globex"))
			acme.Debug("zap form")
			acme.DebugEvent().Msg("event")
			acme.Zap().Debug("Zap")
			l.Slog().DebugContext(tenant("acme"), "slog")
			globex.Debug("another tenant")
			l.Debug("no context")
			acme.Info("written")
			if !acme.Enabled(zapcore.DebugLevel) || globex.Enabled(zapcore.DebugLevel) {
				t.Error("Enabled does not follow what the scope records")
			}
			if lv.Recorded() != 0 {
				t.Error("the component's own recorder took a scoped entry")
			}
			globex.Error("failed")
			var got []string
			for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
				var e map[string]any
				if err := json.Unmarshal([]byte(line), &e); err != nil {
					t.Fatal(err)
				}
				got = append(got, fmt.Sprintf("%v/%v/%v", e["msg"], e["scope"], e["recorded"]))
			}
			want := "written/tenant=acme/<nil> " +
				"4 recorded entries before this error/<nil>/<nil> " +
				"zap form/tenant=acme/true event/tenant=acme/true Zap/tenant=acme/true slog/tenant=acme/true " +
				"failed/<nil>/<nil>"
			if strings.Join(got, " ") != want {
				t.Errorf("entries\n%s\nwant\n%s", strings.Join(got, " "), want)
			}
			// Flush writes them on demand too; a rule that stops recording
			// drops them.
			acme.Debug("again")
			if n := l.Flush(); n != 1 {
				t.Errorf("Flush wrote %d, want 1", n)
			}
			acme.Debug("dropped")
			lv.SetScoped([]Scoped{{Condition: cond(t, "tenant=acme"), Level: zapcore.InfoLevel}})
			if n := l.Flush(); n != 0 || acme.Enabled(zapcore.DebugLevel) {
				t.Errorf("after the rule stopped recording: Flush wrote %d", n)
			}
		})
	}
}

// Zap options that wrap the gate in cores of their own (here zap.Hooks)
// apply to the entries a scoped rule lets through as to the others, and so
// do the fields of With.
func TestScopedEntriesKeepCoreWrappingOptions(t *testing.T) {
	core, entries := jsonCore(t)
	lv := NewLevel(zapcore.InfoLevel)
	lv.SetScoped([]Scoped{{Condition: cond(t, "tenant=acme"), Level: zapcore.DebugLevel}})
	var hooked atomic.Int32
	l := New("db", core, lv, zap.Hooks(func(zapcore.Entry) error { hooked.Add(1); return nil })).With(zap.String("shard", "a"))
	l.Ctx(tenant("acme")).Debug("scoped")
	l.Ctx(tenant("acme")).DebugEvent().Msg("scoped event")
	l.Ctx(tenant("globex")).Debug("dropped")
	got := entries()
	if len(got) != 2 || got[0]["scope"] != "tenant=acme" || got[0]["shard"] != "a" || got[1]["shard"] != "a" {
		t.Fatalf("entries = %v", got)
	}
	if n := hooked.Load(); n != 2 {
		t.Errorf("the hook ran %d times, want 2", n)
	}
}
