package slogcore

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"runtime"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// jsonCore returns a Core over slog's JSON handler at level, writing into
// the returned buffer, with source when a record has a program counter.
func jsonCore(level slog.Level) (*Core, *bytes.Buffer) {
	buf := new(bytes.Buffer)
	h := slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: level, AddSource: true})
	return New(h), buf
}

// lines decodes the JSON lines written so far and resets buf.
func lines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("invalid JSON line %q: %v", l, err)
		}
		out = append(out, m)
	}
	buf.Reset()
	return out
}

func write(t *testing.T, c zapcore.Core, ent zapcore.Entry, fields ...zapcore.Field) {
	t.Helper()
	if ce := c.Check(ent, nil); ce != nil {
		ce.Write(fields...)
	}
}

func compact(t *testing.T, m map[string]any) string {
	t.Helper()
	delete(m, "time")
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Namespaces become groups that hold every field after them, in the
// context and in the entry, and the name comes first, outside them.
func TestNamespacesBecomeGroups(t *testing.T) {
	c, buf := jsonCore(slog.LevelDebug)
	db := c.Named("db").With([]zapcore.Field{zap.String("shard", "a"), zap.Namespace("req"), zap.String("id", "r1")})
	ent := zapcore.Entry{LoggerName: "db", Level: zapcore.InfoLevel, Message: "m", Time: time.Now()}
	write(t, db, ent, zap.Int("n", 1), zap.Namespace("inner"), zap.Bool("b", true))
	// A child logger's entries carry its own name, with the same context.
	ent.LoggerName = "db.child"
	write(t, db, ent, zap.Int("n", 2))
	write(t, db, ent, zap.Int("n", 3))
	got := lines(t, buf)
	want := []string{
		`{"level":"INFO","logger":"db","msg":"m","req":{"id":"r1","inner":{"b":true},"n":1},"shard":"a"}`,
		`{"level":"INFO","logger":"db.child","msg":"m","req":{"id":"r1","n":2},"shard":"a"}`,
		`{"level":"INFO","logger":"db.child","msg":"m","req":{"id":"r1","n":3},"shard":"a"}`,
	}
	if len(got) != len(want) {
		t.Fatalf("%d lines, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if s := compact(t, got[i]); s != want[i] {
			t.Errorf("line %d\n%s\nwant\n%s", i, s, want[i])
		}
	}
}

type point struct{ x, y int }

func (p point) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	enc.AddInt("x", p.x)
	enc.OpenNamespace("more")
	enc.AddInt("y", p.y)
	return nil
}

type badObject struct{}

func (badObject) MarshalLogObject(zapcore.ObjectEncoder) error { return errors.New("cannot") }

// Every field keeps its kind. An object that fails to marshal keeps zap's
// "<key>Error" field, and its empty group is dropped, as slog drops empty
// groups.
func TestFieldKinds(t *testing.T) {
	c, buf := jsonCore(slog.LevelDebug)
	write(t, c, zapcore.Entry{Level: zapcore.InfoLevel, Message: "kinds"},
		zap.Ints("ints", []int{1, 2}), zap.Objects("points", []point{{1, 2}}), zap.Object("p", point{3, 4}),
		zap.Complex128("c", 1+2i), zap.Binary("bin", []byte("hi")), zap.ByteString("bs", []byte("hi")),
		zap.Reflect("r", map[string]int{"a": 1}), zap.Uintptr("up", 5), zap.Float32("f", 0.5),
		zap.Int8("i8", -1), zap.Stringer("st", time.Second), zap.Object("bad", badObject{}),
		zap.Error(nil), zap.Skip())
	got := lines(t, buf)
	if len(got) != 1 {
		t.Fatalf("%d lines, want 1", len(got))
	}
	want := `{"badError":"cannot","bin":"aGk=","bs":"hi","c":"(1+2i)","f":0.5,"i8":-1,"ints":[1,2],"level":"INFO","msg":"kinds","p":{"more":{"y":4},"x":3},"points":[{"more":{"y":2},"x":1}],"r":{"a":1},"st":"1s","up":5}`
	if s := compact(t, got[0]); s != want {
		t.Errorf("\n%s\nwant\n%s", s, want)
	}
}

// The entry's time, caller and stack trace reach the record.
func TestTimeCallerAndStack(t *testing.T) {
	c, buf := jsonCore(slog.LevelDebug)
	pc, file, line, _ := runtime.Caller(0)
	when := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	write(t, c, zapcore.Entry{Level: zapcore.ErrorLevel, Message: "m", Time: when,
		Caller: zapcore.NewEntryCaller(pc, file, line, true), Stack: "goroutine 1"})
	got := lines(t, buf)
	if len(got) != 1 {
		t.Fatalf("%d lines, want 1", len(got))
	}
	src, _ := got[0]["source"].(map[string]any)
	if got[0]["time"] != "2026-01-02T03:04:05Z" || got[0][StackKey] != "goroutine 1" ||
		!strings.HasSuffix(src["function"].(string), "TestTimeCallerAndStack") {
		t.Errorf("line = %v", got[0])
	}
}

func TestLevels(t *testing.T) {
	want := map[zapcore.Level]slog.Level{
		zapcore.DebugLevel: slog.LevelDebug, zapcore.InfoLevel: slog.LevelInfo,
		zapcore.WarnLevel: slog.LevelWarn, zapcore.ErrorLevel: slog.LevelError,
		zapcore.DPanicLevel: slog.LevelError, zapcore.PanicLevel: slog.LevelError,
		zapcore.FatalLevel: slog.LevelError,
	}
	for z, s := range want {
		if got := Level(z); got != s {
			t.Errorf("Level(%v) = %v, want %v", z, got, s)
		}
	}
	// The handler's level is the core's, so that zapcore.LevelOf, and with
	// it the registry's warning about ineffective rules, sees it.
	for _, c := range []struct {
		handler slog.Level
		want    zapcore.Level
	}{
		{slog.LevelDebug, zapcore.DebugLevel},
		{slog.LevelDebug + 1, zapcore.InfoLevel},
		{slog.LevelInfo, zapcore.InfoLevel},
		{slog.LevelWarn, zapcore.WarnLevel},
		{slog.LevelError, zapcore.ErrorLevel},
		{slog.LevelError + 1, zapcore.InvalidLevel},
	} {
		core, _ := jsonCore(c.handler)
		if got := zapcore.LevelOf(core.Named("db")); got != c.want {
			t.Errorf("handler at %v: LevelOf = %v, want %v", c.handler, got, c.want)
		}
	}
	core, buf := jsonCore(slog.LevelWarn)
	write(t, core, zapcore.Entry{Level: zapcore.InfoLevel, Message: "dropped"})
	write(t, core, zapcore.Entry{Level: zapcore.WarnLevel, Message: "kept"})
	if got := lines(t, buf); len(got) != 1 || got[0]["msg"] != "kept" {
		t.Errorf("handler at warn wrote %v", got)
	}
	if core.Sync() != nil {
		t.Error("Sync failed")
	}
}
