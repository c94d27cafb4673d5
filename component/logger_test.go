package component

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

// jsonCore returns a debug-level JSON core writing into a buffer, and a
// function that decodes the entries written so far.
func jsonCore(t *testing.T) (zapcore.Core, func() []map[string]any) {
	t.Helper()
	var mu sync.Mutex
	var buf bytes.Buffer
	cfg := zap.NewProductionEncoderConfig()
	cfg.TimeKey = ""
	core := zapcore.NewCore(zapcore.NewJSONEncoder(cfg), zapcore.AddSync(lockedWriter{&mu, &buf}), zapcore.DebugLevel)
	return core, func() []map[string]any {
		mu.Lock()
		defer mu.Unlock()
		var out []map[string]any
		for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
			if line == "" {
				continue
			}
			var m map[string]any
			if err := json.Unmarshal([]byte(line), &m); err != nil {
				t.Fatalf("torn or invalid JSON line %q: %v", line, err)
			}
			out = append(out, m)
		}
		return out
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	b  *bytes.Buffer
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func TestLoggerGatesByLevelAndNames(t *testing.T) {
	core, entries := jsonCore(t)
	lv := NewLevel(zapcore.InfoLevel)
	l := New("db.pool", core, lv)

	l.Debug("hidden", zap.Int("n", 1))
	l.Info("shown", zap.Int("n", 2))
	lv.SetLevel(zapcore.DebugLevel)
	l.Debug("now shown", zap.String("sql", "select 1"))
	lv.SetLevel(zapcore.ErrorLevel)
	l.Warn("hidden again")
	l.Error("error shown")

	got := entries()
	want := []string{"shown", "now shown", "error shown"}
	if len(got) != len(want) {
		t.Fatalf("got %d entries %v, want messages %v", len(got), got, want)
	}
	for i, e := range got {
		if e["msg"] != want[i] || e["logger"] != "db.pool" {
			t.Errorf("entry %d = %v, want msg %q logger db.pool", i, e, want[i])
		}
	}
	if got[1]["sql"] != "select 1" || got[1]["level"] != "debug" {
		t.Errorf("debug entry = %v, want sql field and level debug", got[1])
	}
}

func TestLoggerAccessors(t *testing.T) {
	lv := NewLevel(zapcore.WarnLevel)
	l := New("saas.client", nil, lv)
	if l.Name() != "saas.client" || l.Level() != zapcore.WarnLevel {
		t.Fatalf("Name()=%q Level()=%v", l.Name(), l.Level())
	}
	if l.Enabled(zapcore.InfoLevel) || !l.Enabled(zapcore.WarnLevel) {
		t.Fatal("Enabled does not follow the level")
	}
	if New("x", nil, nil).Level() != zapcore.InfoLevel {
		t.Fatal("a nil level must mean a fresh Info level")
	}
}

func TestNewPanicsOnInvalidName(t *testing.T) {
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(fmt.Sprint(r), NameRule) {
			t.Fatalf("recovered %v, want a panic stating the rule", r)
		}
	}()
	New("DB", nil, nil)
}

func TestWithSharesLevel(t *testing.T) {
	core, entries := jsonCore(t)
	lv := NewLevel(zapcore.InfoLevel)
	parent := New("db", core, lv)
	child := parent.With(zap.String("shard", "a"))
	if child.Name() != "db" || parent.With() != parent {
		t.Fatal("With must keep the name, and With() with no fields returns the receiver")
	}
	child.Debug("hidden")
	lv.SetLevel(zapcore.DebugLevel)
	child.Debug("visible")
	parent.Debug("parent")
	got := entries()
	if len(got) != 2 || got[0]["msg"] != "visible" || got[0]["shard"] != "a" || got[1]["shard"] != nil {
		t.Fatalf("entries = %v", got)
	}
}

func TestZapAndSugarFollowTheLevel(t *testing.T) {
	core, entries := jsonCore(t)
	lv := NewLevel(zapcore.InfoLevel)
	l := New("http", core, lv)
	z, s := l.Zap(), l.Sugar()
	z.Debug("z hidden")
	s.Debugw("s hidden")
	if z.Core().Enabled(zapcore.DebugLevel) || zapcore.LevelOf(z.Core()) != zapcore.InfoLevel {
		t.Fatal("Zap's core must report the component's level")
	}
	lv.SetLevel(zapcore.DebugLevel)
	z.Debug("z shown")
	z.With(zap.Int("k", 1)).Debug("z with")
	s.Debugw("s shown", "k", 2)
	got := entries()
	var msgs []string
	for _, e := range got {
		msgs = append(msgs, fmt.Sprint(e["msg"], "@", e["logger"]))
	}
	want := "z shown@http z with@http s shown@http"
	if strings.Join(msgs, " ") != want {
		t.Fatalf("got %q, want %q", strings.Join(msgs, " "), want)
	}
}

func TestCallerIsTheCallSite(t *testing.T) {
	core, entries := jsonCore(t)
	l := New("db", core, NewLevel(zapcore.DebugLevel), zap.AddCaller())
	l.Debug("via method")
	if ce := l.Check(zapcore.InfoLevel, "via check"); ce != nil {
		ce.Write()
	}
	l.Zap().Info("via zap")
	l.Sugar().Infow("via sugar")
	l.With(zap.Int("a", 1)).Warn("via with")
	for _, e := range entries() {
		caller, _ := e["caller"].(string)
		if filepath.Base(strings.Split(caller, ":")[0]) != "logger_test.go" {
			t.Errorf("%v: caller = %q, want this test file", e["msg"], caller)
		}
	}
}

func TestCheck(t *testing.T) {
	core, entries := jsonCore(t)
	lv := NewLevel(zapcore.InfoLevel)
	l := New("db", core, lv)
	if ce := l.Check(zapcore.DebugLevel, "x"); ce != nil {
		t.Fatal("Check at a disabled level must return nil")
	}
	ce := l.Check(zapcore.InfoLevel, "checked")
	if ce == nil {
		t.Fatal("Check at an enabled level returned nil")
	}
	ce.Write(zap.Int("n", 7))
	if got := entries(); len(got) != 1 || got[0]["n"] != float64(7) {
		t.Fatalf("entries = %v", got)
	}
}

func TestNilLoggerDiscards(t *testing.T) {
	var l *Logger
	l.Debug("x", zap.Int("n", 1))
	l.Info("x")
	l.Warn("x")
	l.Error("x")
	l.DPanic("x")
	l.Zap().Error("x")
	l.Sugar().Errorw("x")
	if l.Enabled(zapcore.FatalLevel) || l.Level() != zapcore.InvalidLevel || l.Name() != "" || l.With(zap.Int("a", 1)) != nil {
		t.Fatal("nil *Logger must report nothing enabled")
	}
	if l.Check(zapcore.ErrorLevel, "x") != nil {
		t.Fatal("nil *Logger Check must return nil below DPanic")
	}
	mustPanic(t, "nil Panic", func() { l.Panic("boom") })
}

func TestPanicPanicsEvenWhenDisabled(t *testing.T) {
	core, entries := jsonCore(t)
	lv := NewLevel(zapcore.FatalLevel)
	l := New("db", core, lv)
	mustPanic(t, "disabled Panic", func() { l.Panic("boom") })
	if got := entries(); len(got) != 0 {
		t.Fatalf("a Panic below the level must not be written, got %v", got)
	}
	lv.SetLevel(zapcore.InfoLevel)
	mustPanic(t, "enabled Panic", func() { l.Panic("boom", zap.Int("n", 1)) })
	if got := entries(); len(got) != 1 || got[0]["msg"] != "boom" {
		t.Fatalf("entries = %v", got)
	}
	l.DPanic("not development: no panic")
	dev := New("db", core, lv, zap.Development())
	mustPanic(t, "development DPanic", func() { dev.DPanic("boom") })
}

func mustPanic(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s: did not panic", what)
		}
	}()
	f()
}

// The fields buffer is pooled; a core that keeps entries, such as zap's
// observer, must still see each call's own fields.
func TestPooledFieldsAreNotSharedAcrossEntries(t *testing.T) {
	core, logs := observer.New(zapcore.DebugLevel)
	l := New("db", core, NewLevel(zapcore.DebugLevel))
	for i := range 100 {
		l.Debug("n", zap.Int("i", i), zap.String("s", fmt.Sprint(i)))
	}
	for i, e := range logs.All() {
		m := e.ContextMap()
		if m["i"] != int64(i) || m["s"] != fmt.Sprint(i) {
			t.Fatalf("entry %d has fields %v", i, m)
		}
	}
}

// Logging while the level flips must produce whole entries only, and never a
// debug entry once the level has been raised for good.
func TestConcurrentLoggingAndLevelChanges(t *testing.T) {
	core, entries := jsonCore(t)
	lv := NewLevel(zapcore.InfoLevel)
	l := New("db", core, lv)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				l.Debug("d", zap.Int("g", g), zap.Int("i", i))
				l.With(zap.Int("w", g)).Info("i")
			}
		}()
	}
	for i := range 2000 {
		if i%2 == 0 {
			lv.SetLevel(zapcore.DebugLevel)
		} else {
			lv.SetLevel(zapcore.InfoLevel)
		}
	}
	close(stop)
	wg.Wait()
	before := len(entries())
	l.Debug("after")
	if got := entries(); len(got) != before {
		t.Fatalf("debug entry written at info: %v", got[len(got)-1])
	}
	// entries() has already failed the test on any torn line.
}
