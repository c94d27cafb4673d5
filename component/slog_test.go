package component

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/slogtest"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// slogKeysCore returns a debug-level zap JSON core that uses slog's keys
// (time, level, msg), writing into buf.
func slogKeysCore(buf *bytes.Buffer) zapcore.Core {
	cfg := zap.NewProductionEncoderConfig()
	cfg.TimeKey = slog.TimeKey
	cfg.LevelKey = slog.LevelKey
	cfg.MessageKey = slog.MessageKey
	cfg.EncodeTime = zapcore.RFC3339NanoTimeEncoder
	return zapcore.NewCore(zapcore.NewJSONEncoder(cfg), zapcore.AddSync(buf), zapcore.DebugLevel)
}

// TestSlogConformsOnZapSink runs the standard library's handler suite on the
// slog front end of a component at debug that writes to a zap core.
func TestSlogConformsOnZapSink(t *testing.T) {
	var mu sync.Mutex
	bufs := map[*testing.T]*bytes.Buffer{}
	slogtest.Run(t, func(t *testing.T) slog.Handler {
		buf := new(bytes.Buffer)
		mu.Lock()
		bufs[t] = buf
		mu.Unlock()
		return New("x", slogKeysCore(buf), NewLevel(zapcore.DebugLevel)).Slog().Handler()
	}, func(t *testing.T) map[string]any {
		mu.Lock()
		buf := bufs[t]
		mu.Unlock()
		return oneEntry(t, buf.Bytes())
	})
}

// oneEntry decodes the one JSON line in b.
func oneEntry(t *testing.T, b []byte) map[string]any {
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

func TestSlogLevelMapping(t *testing.T) {
	// For each component level, the slog levels its front end writes.
	cases := []struct {
		component zapcore.Level
		on, off   []slog.Level
	}{
		{zapcore.DebugLevel, []slog.Level{slog.LevelDebug - 4, slog.LevelDebug, slog.LevelInfo - 1, slog.LevelInfo, slog.LevelError + 4}, nil},
		{zapcore.InfoLevel, []slog.Level{slog.LevelInfo, slog.LevelInfo + 2, slog.LevelWarn - 1, slog.LevelWarn}, []slog.Level{slog.LevelDebug, slog.LevelInfo - 1, slog.LevelDebug - 4}},
		{zapcore.WarnLevel, []slog.Level{slog.LevelWarn, slog.LevelWarn + 2, slog.LevelError}, []slog.Level{slog.LevelInfo, slog.LevelInfo + 2, slog.LevelWarn - 1}},
		{zapcore.ErrorLevel, []slog.Level{slog.LevelError, slog.LevelError + 1, slog.LevelError + 100}, []slog.Level{slog.LevelWarn, slog.LevelError - 1}},
		{zapcore.FatalLevel, nil, []slog.Level{slog.LevelError, slog.LevelError + 100}},
	}
	ctx := context.Background()
	for _, c := range cases {
		core, entries := jsonCore(t)
		l := New("db", core, NewLevel(c.component)).Slog()
		for _, lvl := range c.on {
			if !l.Enabled(ctx, lvl) {
				t.Errorf("component at %v: slog %v disabled, want enabled", c.component, lvl)
			}
			l.Log(ctx, lvl, "on")
		}
		for _, lvl := range c.off {
			if l.Enabled(ctx, lvl) {
				t.Errorf("component at %v: slog %v enabled, want disabled", c.component, lvl)
			}
			l.Log(ctx, lvl, "off")
		}
		got := entries()
		if len(got) != len(c.on) {
			t.Errorf("component at %v: %d entries %v, want %d", c.component, len(got), got, len(c.on))
		}
	}
}

// A record's own slog level shows in the output even when the zap level
// written in its place is coarser.
func TestSlogKeepsTheRecordsLevel(t *testing.T) {
	core, entries := jsonCore(t)
	l := New("db", core, NewLevel(zapcore.DebugLevel)).Slog()
	ctx := context.Background()
	l.Log(ctx, slog.LevelInfo+2, "notice")
	l.Log(ctx, slog.LevelDebug-4, "trace")
	l.Warn("warn")
	l.Error("error")
	got := entries()
	want := []struct{ level, slogLevel string }{{"info", "INFO+2"}, {"debug", "DEBUG-4"}, {"warn", ""}, {"error", ""}}
	if len(got) != len(want) {
		t.Fatalf("%d entries %v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		sl, _ := got[i][slogLevelKey].(string)
		if got[i]["level"] != w.level || sl != w.slogLevel || got[i]["logger"] != "db" {
			t.Errorf("entry %d = %v, want level %q, %s %q, logger db", i, got[i], w.level, slogLevelKey, w.slogLevel)
		}
	}
}

// Every logger and handler derived from the front end follows the
// component's level, changed after they were made.
func TestSlogGateIsLiveAndInherited(t *testing.T) {
	core, entries := jsonCore(t)
	lv := NewLevel(zapcore.InfoLevel)
	base := New("db", core, lv).Slog()
	derived := map[string]*slog.Logger{
		"base":      base,
		"With":      base.With("shard", "a"),
		"WithGroup": base.WithGroup("g"),
		"WithAttrs": slog.New(base.Handler().WithAttrs([]slog.Attr{slog.Int("n", 1)})),
		"nested":    base.WithGroup("g").With("a", 1).WithGroup("h"),
	}
	for name, l := range derived {
		l.Debug("hidden", "by", name)
	}
	if got := entries(); len(got) != 0 {
		t.Fatalf("component at info wrote debug entries %v", got)
	}
	lv.SetLevel(zapcore.DebugLevel)
	for name, l := range derived {
		l.Debug("shown", "by", name)
	}
	if got := entries(); len(got) != len(derived) {
		t.Fatalf("component at debug: %d entries %v, want %d", len(got), got, len(derived))
	}
	lv.SetLevel(zapcore.ErrorLevel)
	for name, l := range derived {
		l.Warn("hidden", "by", name)
	}
	if got := entries(); len(got) != len(derived) {
		t.Fatalf("component at error wrote warn entries: %v", got[len(derived):])
	}
}

func TestSlogIsBuiltOnce(t *testing.T) {
	core, _ := jsonCore(t)
	l := New("db", core, nil)
	first, second := l.Slog(), l.Slog()
	if first != second {
		t.Error("two calls to Slog returned different loggers")
	}
	w := l.With(zap.String("shard", "a"))
	if w.Slog() == l.Slog() {
		t.Error("a With logger shares its parent's slog logger, without its fields")
	}
}

func TestSlogOfNilLoggerDiscards(t *testing.T) {
	var l *Logger
	s := l.Slog()
	if s == nil || s.Enabled(context.Background(), slog.LevelError) {
		t.Fatalf("nil Logger's Slog = %v, want a logger that discards", s)
	}
	s.Error("dropped", "k", 1) // must not panic
}

// The zap logger's options apply to records: With fields, and the caller
// when zap.AddCaller asks for it, which is the slog call site.
func TestSlogThroughZapOptions(t *testing.T) {
	core, entries := jsonCore(t)
	l := New("db", core, NewLevel(zapcore.DebugLevel), zap.AddCaller()).With(zap.String("shard", "a"))
	l.Slog().Info("with caller") // the line the caller must name
	got := entries()
	if len(got) != 1 {
		t.Fatalf("%d entries, want 1", len(got))
	}
	c, _ := got[0]["caller"].(string)
	if !strings.HasPrefix(c, "component/slog_test.go:") || got[0]["shard"] != "a" {
		t.Errorf("entry = %v, want caller in component/slog_test.go and shard a", got[0])
	}
	if base := filepath.Base(c); base == "slog_zap.go" {
		t.Errorf("caller is the handler, %s", c)
	}
}

type testError struct{}

func (testError) Error() string { return "boom" }

// Attributes become zap fields of the same kind, and the record's time is
// the entry's.
func TestSlogAttributesKeepTheirKinds(t *testing.T) {
	core, entries := jsonCore(t)
	l := New("db", core, NewLevel(zapcore.DebugLevel)).Slog()
	when := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	r := slog.NewRecord(when, slog.LevelInfo, "kinds", 0)
	r.AddAttrs(
		slog.String("s", "x"), slog.Int("i", -3), slog.Uint64("u", 7), slog.Float64("f", 1.5),
		slog.Bool("b", true), slog.Duration("d", 2*time.Second), slog.Time("t", when),
		slog.Any("err", testError{}), slog.Group("g", slog.Int("a", 1), slog.Group("h", slog.String("b", "c"))),
		slog.Group("", slog.Int("inlined", 1)), slog.Group("empty"), slog.Attr{},
	)
	if err := l.Handler().Handle(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	got := entries()
	if len(got) != 1 {
		t.Fatalf("%d entries, want 1", len(got))
	}
	e := got[0]
	b, _ := json.Marshal(e)
	want := `{"b":true,"d":2,"err":"boom","f":1.5,"g":{"a":1,"h":{"b":"c"}},"i":-3,"inlined":1,"level":"info","logger":"db","msg":"kinds","s":"x","t":1767323045,"u":7}`
	if string(b) != want {
		t.Errorf("entry\n%s\nwant\n%s", b, want)
	}
}

// zap.AddStacktrace applies to records at its level and above, and the
// trace starts at the slog call site.
func TestSlogStackTraces(t *testing.T) {
	core, entries := jsonCore(t)
	l := New("db", core, NewLevel(zapcore.DebugLevel), zap.AddStacktrace(zapcore.WarnLevel)).Slog()
	l.Info("no trace")
	l.Warn("trace")
	got := entries()
	if len(got) != 2 {
		t.Fatalf("%d entries, want 2", len(got))
	}
	if _, ok := got[0]["stacktrace"]; ok {
		t.Errorf("info entry has a stack trace: %v", got[0])
	}
	st, _ := got[1]["stacktrace"].(string)
	if first, _, _ := strings.Cut(st, "\n"); !strings.HasSuffix(first, ".TestSlogStackTraces") {
		t.Errorf("stack trace starts at %q, want this test:\n%s", first, st)
	}
}
