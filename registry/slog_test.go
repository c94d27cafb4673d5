package registry

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/slogtest"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

// recorder is a slog.Handler that keeps every record it is given, its
// attributes flattened to their dotted paths (groups included), so that
// tests can look at each attribute's kind.
type recorder struct {
	level slog.Leveler
	mu    *sync.Mutex
	out   *[]recorded
	// pre holds the attributes of WithAttrs, under the groups opened then;
	// prefix is the path of the groups opened so far.
	pre    map[string]slog.Value
	prefix string
}

type recorded struct {
	level slog.Level
	msg   string
	time  time.Time
	attrs map[string]slog.Value
}

func newRecorder(level slog.Leveler) *recorder {
	return &recorder{level: level, mu: new(sync.Mutex), out: new([]recorded), pre: map[string]slog.Value{}}
}

func (h *recorder) Enabled(_ context.Context, l slog.Level) bool { return l >= h.level.Level() }

func (h *recorder) Handle(_ context.Context, r slog.Record) error {
	attrs := make(map[string]slog.Value, len(h.pre)+r.NumAttrs())
	for k, v := range h.pre {
		attrs[k] = v
	}
	r.Attrs(func(a slog.Attr) bool {
		flatten(attrs, h.prefix, a)
		return true
	})
	h.mu.Lock()
	defer h.mu.Unlock()
	*h.out = append(*h.out, recorded{r.Level, r.Message, r.Time, attrs})
	return nil
}

func flatten(m map[string]slog.Value, prefix string, a slog.Attr) {
	v := a.Value.Resolve()
	if v.Kind() == slog.KindGroup {
		for _, g := range v.Group() {
			flatten(m, prefix+a.Key+".", g)
		}
		return
	}
	m[prefix+a.Key] = v
}

func (h *recorder) WithAttrs(attrs []slog.Attr) slog.Handler {
	c := *h
	c.pre = make(map[string]slog.Value, len(h.pre)+len(attrs))
	for k, v := range h.pre {
		c.pre[k] = v
	}
	for _, a := range attrs {
		flatten(c.pre, h.prefix, a)
	}
	return &c
}

func (h *recorder) WithGroup(name string) slog.Handler {
	c := *h
	c.prefix += name + "."
	return &c
}

func (h *recorder) records() []recorded {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]recorded(nil), *h.out...)
}

// find returns the records whose message is msg.
func (h *recorder) find(msg string) []recorded {
	var out []recorded
	for _, r := range h.records() {
		if r.msg == msg {
			out = append(out, r)
		}
	}
	return out
}

// slogKeysCore returns a debug-level zap JSON core with slog's keys.
func slogKeysCore(buf *bytes.Buffer) zapcore.Core {
	cfg := zap.NewProductionEncoderConfig()
	cfg.TimeKey, cfg.LevelKey, cfg.MessageKey = slog.TimeKey, slog.LevelKey, slog.MessageKey
	cfg.EncodeTime = zapcore.RFC3339NanoTimeEncoder
	return zapcore.NewCore(zapcore.NewJSONEncoder(cfg), zapcore.AddSync(buf), zapcore.DebugLevel)
}

// TestSlogConforms runs the standard library's handler suite on the slog
// front end of a component at debug, with each of the two sinks.
func TestSlogConforms(t *testing.T) {
	conforms(t, "x", func(reg *Registry) slog.Handler { return reg.Component("x").Slog().Handler() })
}

// conforms runs the standard library's handler suite on the handler that
// handler makes of a registry at debug, with each of the two sinks, and
// checks that every record is written as the component logger.
func conforms(t *testing.T, logger string, handler func(*Registry) slog.Handler) {
	sinks := map[string]func(*bytes.Buffer) Option{
		"zap core": func(buf *bytes.Buffer) Option { return WithCore(slogKeysCore(buf)) },
		"slog handler": func(buf *bytes.Buffer) Option {
			return WithHandler(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
		},
	}
	for name, sink := range sinks {
		t.Run(name, func(t *testing.T) {
			var mu sync.Mutex
			bufs := map[*testing.T]*bytes.Buffer{}
			slogtest.Run(t, func(t *testing.T) slog.Handler {
				buf := new(bytes.Buffer)
				mu.Lock()
				bufs[t] = buf
				mu.Unlock()
				return handler(New(sink(buf), WithDefaultLevel(zapcore.DebugLevel)))
			}, func(t *testing.T) map[string]any {
				mu.Lock()
				defer mu.Unlock()
				m := oneJSONLine(t, bufs[t].Bytes())
				if m["logger"] != logger {
					t.Errorf("logger = %v, want %s", m["logger"], logger)
				}
				return m
			})
		})
	}
}

func oneJSONLine(t *testing.T, b []byte) map[string]any {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d lines, want 1:\n%s", len(lines), b)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &m); err != nil {
		t.Fatalf("invalid JSON line %q: %v", lines[0], err)
	}
	return m
}

type point struct{ x, y int }

func (p point) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	enc.AddInt("x", p.x)
	enc.AddInt("y", p.y)
	return nil
}

// zap fields reach the handler as attributes of their own kind, with
// namespaces as groups, from every front end of a component.
func TestHandlerGetsFieldsOfTheirKind(t *testing.T) {
	rec := newRecorder(slog.LevelDebug)
	reg := New(WithHandler(rec), WithDefaultLevel(zapcore.DebugLevel))
	db := reg.Component("db")
	boom := errors.New("boom")
	when := time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)
	db.With(zap.Namespace("req"), zap.String("id", "r1")).Info("fields",
		zap.Duration("d", time.Second), zap.Time("t", when), zap.Error(boom),
		zap.Int("n", 3), zap.Uint8("u", 7), zap.Float64("f", 1.5), zap.Object("p", point{1, 2}),
		zap.Strings("s", []string{"a", "b"}), zap.Namespace("inner"), zap.Bool("b", true))

	got := rec.find("fields")
	if len(got) != 1 {
		t.Fatalf("%d records, want 1: %v", len(got), rec.records())
	}
	a := got[0].attrs
	kinds := map[string]slog.Kind{
		"logger": slog.KindString, "req.id": slog.KindString, "req.d": slog.KindDuration,
		"req.t": slog.KindTime, "req.error": slog.KindAny, "req.n": slog.KindInt64,
		"req.u": slog.KindUint64, "req.f": slog.KindFloat64, "req.p.x": slog.KindInt64,
		"req.p.y": slog.KindInt64, "req.s": slog.KindAny, "req.inner.b": slog.KindBool,
	}
	for k, kind := range kinds {
		if v, ok := a[k]; !ok || v.Kind() != kind {
			t.Errorf("attribute %s = %v (%v), want kind %v; all: %v", k, v, v.Kind(), kind, a)
		}
	}
	if len(a) != len(kinds) {
		t.Errorf("%d attributes, want %d: %v", len(a), len(kinds), a)
	}
	if a["logger"].String() != "db" || a["req.d"].Duration() != time.Second || !a["req.t"].Time().Equal(when) {
		t.Errorf("values: %v", a)
	}
	if err, _ := a["req.error"].Any().(error); !errors.Is(err, boom) {
		t.Errorf("error attribute = %#v, want the error itself", a["req.error"].Any())
	}
	if got[0].level != slog.LevelInfo || got[0].time.IsZero() {
		t.Errorf("record level %v time %v, want INFO and a time", got[0].level, got[0].time)
	}

	// Every front end of the component writes through the handler, with
	// its name.
	db.Zap().Warn("via zap")
	db.Sugar().Errorw("via sugar", "k", 1)
	db.Slog().Log(context.Background(), slog.LevelInfo+2, "via slog", "k", 1)
	db.Zap().Named("child").Info("via child")
	want := []struct {
		msg, logger string
		level       slog.Level
	}{
		{"via zap", "db", slog.LevelWarn},
		{"via sugar", "db", slog.LevelError},
		{"via slog", "db", slog.LevelInfo + 2},
		{"via child", "db.child", slog.LevelInfo},
	}
	for _, w := range want {
		rs := rec.find(w.msg)
		if len(rs) != 1 || rs[0].attrs["logger"].String() != w.logger || rs[0].level != w.level {
			t.Errorf("%s: %v, want one record of logger %s at %v", w.msg, rs, w.logger, w.level)
		}
	}
}

// The registry's acknowledgements go to the handler, successful or not.
func TestHandlerGetsAcknowledgements(t *testing.T) {
	rec := newRecorder(slog.LevelDebug)
	file := filepath.Join(t.TempDir(), "components")
	reg := New(WithHandler(rec), WithFile(file))
	db := reg.Component("db")
	mustNil(t, os.WriteFile(file, []byte("db\n"), 0o644))
	mustNil(t, reg.Reload())
	mustNil(t, os.WriteFile(file, []byte("db=verbose\n"), 0o644))
	if err := reg.Reload(); err == nil {
		t.Fatal("Reload of an unknown level succeeded")
	}
	ok, failed := rec.find("components reloaded"), rec.find("components reload failed; levels unchanged")
	if len(ok) != 1 || len(failed) != 1 {
		t.Fatalf("acknowledgements: %d successful, %d failed, want 1 each: %v", len(ok), len(failed), rec.records())
	}
	if a := ok[0].attrs; a["logger"].String() != SelfName || a["generation"].Uint64() != 1 || ok[0].level != slog.LevelInfo {
		t.Errorf("successful acknowledgement: %v at %v", a, ok[0].level)
	}
	if s, _ := ok[0].attrs["changed"].Any().([]any); len(s) != 1 || s[0] != "db: info→debug" {
		t.Errorf("changed = %#v, want [db: info→debug]", ok[0].attrs["changed"].Any())
	}
	if err, _ := failed[0].attrs["error"].Any().(error); err == nil || failed[0].level != slog.LevelError {
		t.Errorf("failed acknowledgement: %v at %v, want an error attribute at ERROR", failed[0].attrs, failed[0].level)
	}
	if !db.Enabled(zapcore.DebugLevel) {
		t.Error("the failed reload changed db's level")
	}
}

// The handler's own level caps what rules can turn on, and a reload that
// asks for less says so.
func TestHandlerLevelCapsRules(t *testing.T) {
	var lv slog.LevelVar // Info
	rec := newRecorder(&lv)
	file := filepath.Join(t.TempDir(), "components")
	reg := New(WithHandler(rec), WithFile(file))
	db := reg.Component("db")
	mustNil(t, os.WriteFile(file, []byte("db=debug\n"), 0o644))
	mustNil(t, reg.Reload())
	acks := rec.find("components reloaded")
	if len(acks) != 1 {
		t.Fatalf("%d acknowledgements, want 1", len(acks))
	}
	if w := acks[0].attrs["warning"].String(); !strings.Contains(w, "writes only info and above") || !strings.Contains(w, "change nothing") {
		t.Errorf("warning = %q, want the ineffective-debug warning", w)
	}
	db.Debug("zap debug")
	db.Slog().Debug("slog debug")
	if db.Slog().Enabled(context.Background(), slog.LevelDebug) {
		t.Error("Slog reports debug enabled under a handler at info")
	}
	db.Slog().Info("slog info")
	if got := rec.records(); len(got) != 2 || got[1].msg != "slog info" {
		t.Errorf("records %v, want the acknowledgement and slog info only", got)
	}
	// Lowering the handler's level lets the rule through, with no reload.
	lv.Set(slog.LevelDebug)
	db.Debug("zap debug")
	db.Slog().Debug("slog debug")
	if n := len(rec.records()); n != 4 {
		t.Errorf("%d records after lowering the handler's level, want 4", n)
	}
}

// WithCore and WithHandler both set the sink: the last one given wins, and
// a nil one changes nothing.
func TestTheLastSinkWins(t *testing.T) {
	for _, tt := range []struct {
		name string
		opts func(core zapcore.Core, h slog.Handler) []Option
		core bool // the entry reaches the core, else the handler
	}{
		{"handler then core", func(c zapcore.Core, h slog.Handler) []Option { return []Option{WithHandler(h), WithCore(c)} }, true},
		{"core then handler", func(c zapcore.Core, h slog.Handler) []Option { return []Option{WithCore(c), WithHandler(h)} }, false},
		{"core then nil handler", func(c zapcore.Core, h slog.Handler) []Option { return []Option{WithCore(c), WithHandler(nil)} }, true},
		{"handler then nil core", func(c zapcore.Core, h slog.Handler) []Option { return []Option{WithHandler(h), WithCore(nil)} }, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			core, logs := observer.New(zapcore.DebugLevel)
			rec := newRecorder(slog.LevelDebug)
			New(tt.opts(core, rec)...).Component("db").Info("which sink")
			toCore, toHandler := logs.FilterMessage("which sink").Len(), len(rec.find("which sink"))
			if tt.core && (toCore != 1 || toHandler != 0) || !tt.core && (toCore != 0 || toHandler != 1) {
				t.Errorf("%d entries to the core, %d to the handler; want the %s only", toCore, toHandler, map[bool]string{true: "core", false: "handler"}[tt.core])
			}
		})
	}
}

// A reload changes what a component's slog front end writes, and that of
// every logger derived from it, at their next call.
func TestSlogFollowsReloads(t *testing.T) {
	var buf bytes.Buffer
	file := filepath.Join(t.TempDir(), "components")
	reg := New(WithCore(slogKeysCore(&buf)), WithFile(file))
	l := reg.Component("db").Slog()
	derived := []*slog.Logger{l, l.With("a", 1), l.WithGroup("g"), slog.New(l.Handler().WithAttrs([]slog.Attr{slog.Int("b", 2)}))}
	count := func() int { return strings.Count(buf.String(), `"msg":"q"`) }
	logAll := func() {
		for _, d := range derived {
			d.Debug("q", "k", 1)
		}
	}
	logAll()
	if n := count(); n != 0 {
		t.Fatalf("%d debug lines before any rule", n)
	}
	mustNil(t, os.WriteFile(file, []byte("db\n"), 0o644))
	mustNil(t, reg.Reload())
	logAll()
	if n := count(); n != len(derived) {
		t.Fatalf("%d debug lines after the rule db, want %d:\n%s", n, len(derived), buf.String())
	}
	mustNil(t, os.WriteFile(file, []byte("# none\n"), 0o644))
	mustNil(t, reg.Reload())
	logAll()
	if n := count(); n != len(derived) {
		t.Fatalf("%d debug lines after the rule was removed, want still %d", n, len(derived))
	}
}
