package component

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/internal/slogcore"
)

// stepClock is a zap clock that advances a millisecond at each reading, so
// that every entry has a time of its own, later than the one before.
type stepClock struct {
	mu  sync.Mutex
	now time.Time
}

func newStepClock() *stepClock {
	return &stepClock{now: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Millisecond)
	return c.now
}

func (c *stepClock) NewTicker(d time.Duration) *time.Ticker { return time.NewTicker(d) }

// timedCore returns a debug-level JSON core with RFC 3339 times writing
// into a buffer, and a function that decodes the entries written so far.
func timedCore(t *testing.T) (zapcore.Core, func() []map[string]any) {
	t.Helper()
	var mu sync.Mutex
	var buf bytes.Buffer
	cfg := zap.NewProductionEncoderConfig()
	cfg.EncodeTime = zapcore.RFC3339NanoTimeEncoder
	core := zapcore.NewCore(zapcore.NewJSONEncoder(cfg), zapcore.AddSync(lockedWriter{&mu, &buf}), zapcore.DebugLevel)
	return core, func() []map[string]any {
		mu.Lock()
		defer mu.Unlock()
		return decodeLines(t, buf.String())
	}
}

func decodeLines(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("invalid JSON line %q: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

func ts(t *testing.T, e map[string]any) time.Time {
	t.Helper()
	s, _ := e["ts"].(string)
	at, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("entry without a time: %v", e)
	}
	return at
}

// recording returns the component "saas.client" at Info, recording n
// entries, writing to a timed JSON core.
func recording(t *testing.T, n int, opts ...zap.Option) (*Logger, *Level, func() []map[string]any) {
	t.Helper()
	core, entries := timedCore(t)
	lv := NewLevel(zapcore.InfoLevel)
	lv.SetRecord(n)
	return New("saas.client", core, lv, append(opts, zap.WithClock(newStepClock()))...), lv, entries
}

func TestRecordedEntriesPrecedeTheError(t *testing.T) {
	const n = 5
	l, lv, entries := recording(t, n)
	for i := range n + 3 {
		l.Debug("step", zap.Int("seq", i), zap.String("what", "login"))
	}
	if got := entries(); len(got) != 0 {
		t.Fatalf("%d entries written before the error, want none: %v", len(got), got)
	}
	if got := lv.Recorded(); got != n {
		t.Fatalf("Recorded() = %d, want %d", got, n)
	}
	l.Info("written", zap.Int("seq", 99))
	l.Error("login failed", zap.String("status", "401"))

	got := entries()
	if len(got) != 1+1+n+1 {
		t.Fatalf("%d entries, want the Info, the intro, %d recorded and the error: %v", len(got), n, got)
	}
	if got[0]["msg"] != "written" {
		t.Errorf("first entry %v, want the Info entry", got[0])
	}
	intro, recorded, errEntry := got[1], got[2:2+n], got[2+n]
	if intro["msg"] != fmt.Sprintf("%d recorded entries before this error", n) || intro["level"] != "info" || intro["logger"] != "saas.client" {
		t.Errorf("intro = %v", intro)
	}
	if intro["from"] != recorded[0]["ts"] || intro["to"] != recorded[n-1]["ts"] {
		t.Errorf("intro spans %v to %v, want the first and last recorded times %v and %v", intro["from"], intro["to"], recorded[0]["ts"], recorded[n-1]["ts"])
	}
	errAt := ts(t, errEntry)
	prev := time.Time{}
	for i, e := range recorded {
		if seq := e["seq"]; seq != float64(3+i) {
			t.Errorf("recorded entry %d has seq %v, want %d (the last %d, in order)", i, seq, 3+i, n)
		}
		if e["recorded"] != true || e["level"] != "debug" || e["msg"] != "step" || e["what"] != "login" || e["logger"] != "saas.client" {
			t.Errorf("recorded entry %d = %v", i, e)
		}
		at := ts(t, e)
		if !at.After(prev) || !at.Before(errAt) {
			t.Errorf("recorded entry %d at %v: want after %v and before the error's %v", i, at, prev, errAt)
		}
		prev = at
	}
	if errEntry["msg"] != "login failed" || errEntry["level"] != "error" || errEntry["recorded"] != nil {
		t.Errorf("error entry = %v", errEntry)
	}
	if lv.Recorded() != 0 {
		t.Errorf("Recorded() = %d after the error, want 0", lv.Recorded())
	}

	l.Error("again")
	if got := entries()[len(got):]; len(got) != 1 || got[0]["msg"] != "again" {
		t.Errorf("a second error wrote %v, want itself alone", got)
	}
}

func TestRecordingReportsWrittenLevelAndKeepsDebugEnabled(t *testing.T) {
	lv := NewLevel(zapcore.InfoLevel)
	l := New("db", discardJSONCore(), lv)
	if l.Enabled(zapcore.DebugLevel) {
		t.Fatal("Enabled(debug) before recording")
	}
	lv.SetRecord(10)
	if !l.Enabled(zapcore.DebugLevel) || !l.Zap().Core().Enabled(zapcore.DebugLevel) || !l.Slog().Enabled(context.Background(), slog.LevelDebug) {
		t.Error("a recording component must report Debug enabled on every front end, so that guarded entries are recorded")
	}
	if l.Level() != zapcore.InfoLevel || lv.Level() != zapcore.InfoLevel || lv.String() != "info" {
		t.Errorf("Level() = %v, want the written level, info", l.Level())
	}
	if lv.Enabled(zapcore.DebugLevel) {
		t.Error("Level.Enabled(debug) = true: as a LevelEnabler, a Level reports what it writes")
	}
	if got := l.Zap().Level(); got != zapcore.DebugLevel {
		t.Errorf("zap.Logger.Level() = %v, want debug, the least level it keeps", got)
	}
	if lv.Record() != 10 {
		t.Errorf("Record() = %d, want 10", lv.Record())
	}
	lv.SetLevel(zapcore.WarnLevel)
	if !l.Enabled(zapcore.DebugLevel) || l.Level() != zapcore.WarnLevel {
		t.Errorf("after SetLevel(warn): Enabled(debug)=%v Level()=%v", l.Enabled(zapcore.DebugLevel), l.Level())
	}
	lv.SetRecord(0)
	if l.Enabled(zapcore.InfoLevel) || lv.Record() != 0 {
		t.Errorf("after SetRecord(0): Enabled(info)=%v Record()=%d, want false 0", l.Enabled(zapcore.InfoLevel), lv.Record())
	}
}

func TestRecordingBelowWarnKeepsInfoAndDebug(t *testing.T) {
	l, lv, entries := recording(t, 10)
	lv.SetLevel(zapcore.WarnLevel)
	l.Debug("d")
	l.Info("i")
	l.Warn("w")
	l.Error("e")
	var msgs []string
	for _, e := range entries() {
		msgs = append(msgs, fmt.Sprintf("%s:%s:%v", e["level"], e["msg"], e["recorded"]))
	}
	want := []string{"warn:w:<nil>", "info:2 recorded entries before this error:<nil>", "debug:d:true", "info:i:true", "error:e:<nil>"}
	if fmt.Sprint(msgs) != fmt.Sprint(want) {
		t.Errorf("entries:\n got %q\nwant %q", msgs, want)
	}
}

func TestRecordingKeepsWithContext(t *testing.T) {
	l, _, entries := recording(t, 10)
	req := l.With(zap.String("request", "r1"))
	req.Debug("from the child", zap.Int("n", 1))
	l.Debug("from the parent")
	req.With(zap.String("attempt", "2")).Debug("from the grandchild")
	l.Error("failed")
	got := entries()
	if len(got) != 5 {
		t.Fatalf("entries: %v", got)
	}
	if got[1]["request"] != "r1" || got[1]["n"] != float64(1) {
		t.Errorf("child's entry lost its context: %v", got[1])
	}
	if _, ok := got[2]["request"]; ok {
		t.Errorf("parent's entry has the child's context: %v", got[2])
	}
	if got[3]["request"] != "r1" || got[3]["attempt"] != "2" {
		t.Errorf("grandchild's entry: %v", got[3])
	}
}

// account is a value a program changes after logging it.
type account struct {
	Name  string
	Tries int
}

func (a *account) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	enc.AddString("name", a.Name)
	enc.AddInt("tries", a.Tries)
	return enc.AddArray("tags", zapcore.ArrayMarshalerFunc(func(ae zapcore.ArrayEncoder) error {
		ae.AppendString(a.Name + "-tag")
		return ae.AppendObject(zapcore.ObjectMarshalerFunc(func(oe zapcore.ObjectEncoder) error {
			oe.AddInt("nested", a.Tries)
			return nil
		}))
	}))
}

func (a *account) String() string { return fmt.Sprintf("%s/%d", a.Name, a.Tries) }

type mutableError struct{ msg string }

func (e *mutableError) Error() string { return e.msg }

func TestRecordedValuesAreCapturedAtTheCall(t *testing.T) {
	l, _, entries := recording(t, 10)
	a := &account{Name: "acme", Tries: 1}
	e := &mutableError{msg: "first"}
	b := []byte("bytes-1")
	l.Debug("captured",
		zap.Object("obj", a),
		zap.Any("any", a),
		zap.Reflect("reflect", map[string]*account{"k": a}),
		zap.Stringer("str", a),
		zap.Error(e),
		zap.Binary("bin", b),
		zap.ByteString("bs", b),
		zap.Inline(a),
	)
	a.Name, a.Tries = "changed", 9
	e.msg = "second"
	copy(b, "XXXXXXX")
	l.Error("failed")

	got := entries()
	if len(got) != 3 {
		t.Fatalf("entries: %v", got)
	}
	rec := got[1]
	js, _ := json.Marshal(rec)
	if strings.Contains(string(js), "changed") || strings.Contains(string(js), "second") || strings.Contains(string(js), "XXX") {
		t.Errorf("a recorded entry shows a value changed after the call: %s", js)
	}
	want := map[string]any{
		"obj":     map[string]any{"name": "acme", "tries": float64(1), "tags": []any{"acme-tag", map[string]any{"nested": float64(1)}}},
		"any":     map[string]any{"name": "acme", "tries": float64(1), "tags": []any{"acme-tag", map[string]any{"nested": float64(1)}}},
		"reflect": map[string]any{"k": map[string]any{"Name": "acme", "Tries": float64(1)}},
		"str":     "acme/1",
		"error":   "first",
		"bin":     "Ynl0ZXMtMQ==", // base64 of bytes-1, as zap writes binary
		"bs":      "bytes-1",
		"name":    "acme",
		"tries":   float64(1),
	}
	for k, v := range want {
		if fmt.Sprint(rec[k]) != fmt.Sprint(v) {
			t.Errorf("%s = %v, want %v", k, rec[k], v)
		}
	}
}

// TestRecordedEntriesEncodeAsWritten: a recorded entry, once flushed,
// encodes as the same call would have when written, but for recorded=true
// and its place in the log.
func TestRecordedEntriesEncodeAsWritten(t *testing.T) {
	fields := func() []zap.Field {
		a := &account{Name: "acme", Tries: 1}
		return []zap.Field{
			zap.Object("obj", a), zap.Any("any", []any{1, "x", map[string]int{"z": 1}}),
			zap.Stringer("str", a), zap.Error(fmt.Errorf("wrapped: %w", errors.New("inner"))),
			zap.Errors("errs", []error{errors.New("a"), errors.New("b")}),
			zap.Namespace("ns"), zap.Int("inside", 1), zap.Duration("d", time.Second),
			zap.Times("times", []time.Time{time.Unix(1, 0).UTC()}), zap.Bools("bools", []bool{true}),
			zap.Float64("f", 1.5), zap.Complex128("c", 1+2i), zap.Uintptr("p", 7), zap.Skip(),
			zap.Float32("f32", 0.25), zap.Complex64("c64", 3-4i), zap.Int8("i8", -8), zap.Uint16("u16", 16),
			zap.Binary("bin", []byte{0, 1, 2}), zap.ByteString("bs", []byte("text")), zap.Bool("no", false),
			zap.Time("local", time.Unix(1e9, 5).Local()), zap.Time("zone", time.Unix(1e9, 5).In(time.FixedZone("XYZ", 5400))),
			zap.Time("far", time.Date(3000, 1, 2, 3, 4, 5, 6, time.FixedZone("", -3600))), zap.Time("zero", time.Time{}),
			zap.Errors("nested", []error{errors.Join(errors.New("p"), errors.New("q"))}),
			zap.Any("m", map[string]any{"k": []int{1, 2}}), zap.Strings("empty", nil), zap.String("", ""),
		}
	}
	// The context of a With, given while the component records, is
	// captured too.
	ctx := func() []zap.Field {
		return []zap.Field{zap.String("request", "r1"), zap.Object("who", &account{Name: "ctx", Tries: 2}), zap.Namespace("inner")}
	}
	core, entries := timedCore(t)
	lv := NewLevel(zapcore.DebugLevel)
	New("db", core, lv).With(ctx()...).Debug("call", fields()...)
	lv.SetLevel(zapcore.InfoLevel)
	lv.SetRecord(5)
	l := New("db", core, lv)
	l.With(ctx()...).Debug("call", fields()...)
	l.Error("x")
	got := entries()
	if len(got) != 4 {
		t.Fatalf("entries: %v", got)
	}
	written, recorded := got[0], got[2]
	for _, e := range []map[string]any{written, recorded} {
		delete(e, "ts")
	}
	inner, _ := recorded["inner"].(map[string]any)
	ns, _ := inner["ns"].(map[string]any)
	if inner["recorded"] != true || ns == nil || ns["recorded"] != nil {
		t.Errorf("recorded=true must come after the context and before the entry's own namespace, as if written by the logger of the With: %v", recorded)
	}
	delete(inner, "recorded")
	w, _ := json.Marshal(written)
	r, _ := json.Marshal(recorded)
	if !bytes.Equal(w, r) {
		t.Errorf("recorded entry encodes differently:\nwritten  %s\nrecorded %s", w, r)
	}
}

func TestRecordingEvictsByBytes(t *testing.T) {
	l, lv, entries := recording(t, MaxRecord)
	big := strings.Repeat("x", 100<<10)
	for i := range 30 {
		l.Debug("big", zap.Int("seq", i), zap.String("body", big))
	}
	held := lv.Recorded()
	if held >= 11 || held < 9 {
		t.Fatalf("Recorded() = %d after 30 entries of 100 KiB, want about 10 (1 MiB)", held)
	}
	l.Debug("too large to record", zap.String("body", strings.Repeat("y", maxRecordedBytes)))
	if lv.Recorded() != held {
		t.Errorf("an entry larger than the bound changed the buffer: %d entries, want %d", lv.Recorded(), held)
	}
	l.Error("failed")
	got := entries()
	var seqs []int
	for _, e := range got {
		if e["recorded"] == true {
			seqs = append(seqs, int(e["seq"].(float64)))
		}
	}
	if len(seqs) != held || seqs[0] != 30-held || seqs[len(seqs)-1] != 29 {
		t.Errorf("recorded seqs %v, want the last %d, oldest evicted first", seqs, held)
	}
}

func TestSetRecordResizesAndDrops(t *testing.T) {
	l, lv, entries := recording(t, 10)
	for i := range 8 {
		l.Debug("e", zap.Int("seq", i))
	}
	lv.SetRecord(3)
	if lv.Recorded() != 3 || lv.Record() != 3 {
		t.Fatalf("after resizing to 3: Recorded()=%d Record()=%d", lv.Recorded(), lv.Record())
	}
	lv.SetRecord(6)
	l.Debug("e", zap.Int("seq", 8))
	if n := l.Flush(); n != 4 {
		t.Fatalf("Flush() = %d, want 4", n)
	}
	var seqs []float64
	for _, e := range entries() {
		if e["recorded"] == true {
			seqs = append(seqs, e["seq"].(float64))
		}
	}
	if fmt.Sprint(seqs) != "[5 6 7 8]" {
		t.Errorf("seqs after resizing %v, want [5 6 7 8]: the newest kept", seqs)
	}
	l.Debug("e")
	lv.SetRecord(0)
	if lv.Recorded() != 0 || l.Flush() != 0 {
		t.Error("SetRecord(0) kept the buffer")
	}
	before := len(entries())
	l.Debug("dropped")
	l.Error("x")
	if got := entries()[before:]; len(got) != 1 {
		t.Errorf("entries after SetRecord(0): %v, want the error alone", got)
	}
}

func TestFlushOnDemand(t *testing.T) {
	l, lv, entries := recording(t, 10)
	if n := New("other", discardJSONCore(), nil).Flush(); n != 0 {
		t.Errorf("Flush of a component that does not record = %d", n)
	}
	var nilLogger *Logger
	if nilLogger.Flush() != 0 {
		t.Error("Flush of a nil Logger")
	}
	l.Debug("a")
	l.With(zap.String("k", "v")).Debug("b")
	if n := l.With(zap.String("by", "child")).Flush(); n != 2 {
		t.Fatalf("Flush() = %d, want 2", n)
	}
	got := entries()
	if len(got) != 3 || got[0]["msg"] != "2 recorded entries, written on demand" || got[0]["by"] != "child" ||
		got[1]["msg"] != "a" || got[2]["k"] != "v" || lv.Recorded() != 0 {
		t.Errorf("entries: %v", got)
	}
}

// TestEveryFrontEndRecords: the zap methods, Zap, Sugar, Slog on both
// sinks, the event API and With children all record.
func TestEveryFrontEndRecords(t *testing.T) {
	core, entries := timedCore(t)
	lv := NewLevel(zapcore.InfoLevel)
	lv.SetRecord(100)
	l := New("saas.client", core, lv)
	l.Debug("zap form")
	l.Zap().Debug("Zap")
	l.Sugar().Debugw("Sugar", "k", 1)
	l.Slog().Debug("Slog", "k", 2)
	l.Slog().With("ctx", "c").WithGroup("g").Log(context.Background(), slog.LevelDebug-4, "Slog group", "k", 3)
	l.DebugEvent().Int("k", 4).Msg("event")
	l.With(zap.Int("w", 5)).DebugEvent().Msg("event child")
	if ce := l.Check(zapcore.DebugLevel, "Check"); ce != nil {
		ce.Write()
	}
	if l.Enabled(zapcore.DebugLevel) {
		l.Debug("guarded")
	}
	l.Slog().Error("slog error")

	var msgs []string
	got := entries()
	for _, e := range got {
		msgs = append(msgs, fmt.Sprint(e["msg"]))
	}
	want := []string{"9 recorded entries before this error", "zap form", "Zap", "Sugar", "Slog", "Slog group", "event", "event child", "Check", "guarded", "slog error"}
	if fmt.Sprint(msgs) != fmt.Sprint(want) {
		t.Fatalf("messages:\n got %q\nwant %q", msgs, want)
	}
	if g, _ := got[5]["g"].(map[string]any); got[5]["ctx"] != "c" || g["k"] != float64(3) || got[5]["slog_level"] != "DEBUG-4" {
		t.Errorf("slog entry with context and group: %v", got[5])
	}
	if got[3]["k"] != float64(1) || got[7]["w"] != float64(5) {
		t.Errorf("fields: %v %v", got[3], got[7])
	}

	// The same through a slog handler sink.
	var buf bytes.Buffer
	h := slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})
	sl := New("saas.client", slogcore.New(h), lv)
	ctxd := sl.Slog().With("request", "r1")
	ctxd.Debug("slog on a handler", "k", 6)
	sl.Debug("zap on a handler", zap.Int("k", 7))
	ctxd.Error("failed on a handler")
	lines := decodeLines(t, buf.String())
	var hm []string
	for _, e := range lines {
		hm = append(hm, fmt.Sprintf("%v|%v|%v|%v|%v", e["level"], e["msg"], e["logger"], e["request"], e["recorded"]))
	}
	wantH := []string{
		"INFO|2 recorded entries before this error|saas.client|r1|<nil>",
		"DEBUG|slog on a handler|saas.client|r1|true",
		"DEBUG|zap on a handler|saas.client|<nil>|true",
		"ERROR|failed on a handler|saas.client|r1|<nil>",
	}
	if fmt.Sprint(hm) != fmt.Sprint(wantH) {
		t.Errorf("through a slog handler:\n got %q\nwant %q", hm, wantH)
	}
}

func TestRecordingRespectsTheSinkLevel(t *testing.T) {
	lv := NewLevel(zapcore.WarnLevel)
	lv.SetRecord(10)
	l := New("db", zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()), zapcore.AddSync(new(bytes.Buffer)), zapcore.InfoLevel), lv)
	l.Debug("the sink drops debug: not recorded")
	l.Info("recorded")
	if lv.Recorded() != 1 {
		t.Errorf("Recorded() = %d, want 1", lv.Recorded())
	}
}

// TestRecordedSlogContextEncodesAsWritten: on a slog handler sink, an
// entry recorded through a logger derived by With and WithGroup while the
// component records is written, once flushed, as it would have been
// written at the call: the handlers it was derived through are not kept,
// but their attributes and groups are replayed.
func TestRecordedSlogContextEncodesAsWritten(t *testing.T) {
	var buf bytes.Buffer
	h := slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})
	lv := NewLevel(zapcore.DebugLevel)
	l := New("db", slogcore.New(h), lv)
	derive := func() *slog.Logger {
		return l.Slog().With("a", 1, slog.Group("grp", "x", "y")).WithGroup("g").With("b", time.Second)
	}
	derive().Debug("call", "c", 3, "err", errors.New("e"))
	lv.SetLevel(zapcore.InfoLevel)
	lv.SetRecord(5)
	derive().Debug("call", "c", 3, "err", errors.New("e"))
	l.Error("x")
	got := decodeLines(t, buf.String())
	if len(got) != 4 {
		t.Fatalf("entries: %v", got)
	}
	written, recorded := got[0], got[2]
	g, _ := recorded["g"].(map[string]any)
	if g["recorded"] != true {
		t.Fatalf("recorded entry %v: want recorded=true in the group, as the logger of WithGroup writes it", recorded)
	}
	delete(g, "recorded")
	for _, e := range []map[string]any{written, recorded} {
		delete(e, "time")
	}
	w, _ := json.Marshal(written)
	r, _ := json.Marshal(recorded)
	if !bytes.Equal(w, r) {
		t.Errorf("recorded entry encodes differently:\nwritten  %s\nrecorded %s", w, r)
	}
}

// TestRecordingKeepsContextGivenBeforeIt: a logger derived by With before
// the component records keeps its own core for its recorded entries, with
// their context, and the loggers derived from it since add theirs.
func TestRecordingKeepsContextGivenBeforeIt(t *testing.T) {
	core, entries := timedCore(t)
	lv := NewLevel(zapcore.InfoLevel)
	l := New("db", core, lv)
	early := l.With(zap.String("request", "early"))
	var buf bytes.Buffer
	sl := New("db", slogcore.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})), lv).Slog().WithGroup("g").With("request", "early")
	lv.SetRecord(5)
	early.Debug("zap")
	early.With(zap.String("attempt", "2")).Debug("zap child")
	sl.Debug("slog")
	l.Error("x") // flushes all: they share lv
	if got := entries(); len(got) != 4 || got[1]["request"] != "early" || got[1]["recorded"] != true ||
		got[2]["request"] != "early" || got[2]["attempt"] != "2" || got[2]["recorded"] != true {
		t.Errorf("zap entries: %v", got)
	}
	if got := decodeLines(t, buf.String()); len(got) != 1 || fmt.Sprint(got[0]["g"]) != "map[recorded:true request:early]" {
		t.Errorf("slog entries: %v", got)
	}
}
