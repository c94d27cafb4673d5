package registry

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/scopelog/scopelog/internal/wait"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

func TestParseRecord(t *testing.T) {
	src := "saas.client=info record=200\n" +
		"db=warn record=1 until=2026-11-26T18:00:00Z\n" +
		"http until=2026-11-26T18:00:00Z record=10000\n"
	rules, err := Parse("f", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	until := time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC)
	want := []Rule{
		{Pattern: "saas.client", Level: zapcore.InfoLevel, Record: 200, File: "f", Line: 1},
		{Pattern: "db", Level: zapcore.WarnLevel, Record: 1, Until: until, File: "f", Line: 2},
		{Pattern: "http", Level: zapcore.DebugLevel, Record: 10000, Until: until, File: "f", Line: 3},
	}
	if fmt.Sprint(rules) != fmt.Sprint(want) {
		t.Fatalf("Parse =\n%v\nwant\n%v", rules, want)
	}
	wantStrings := []string{
		"saas.client=info record=200",
		"db=warn record=1 until=2026-11-26T18:00:00Z",
		"http=debug record=10000 until=2026-11-26T18:00:00Z",
	}
	for i, r := range rules {
		if r.String() != wantStrings[i] {
			t.Errorf("String() = %q, want %q", r.String(), wantStrings[i])
		}
		again, err := Parse("f", []byte(r.String()))
		if err != nil || len(again) != 1 || again[0].Record != r.Record || again[0].Level != r.Level || !again[0].Until.Equal(r.Until) {
			t.Errorf("round trip of %s: %v, %v", r, again, err)
		}
	}
}

func TestParseRecordErrors(t *testing.T) {
	const want = "expected a number of entries from 1 to 10000 after record=, such as record=200"
	tests := []struct{ src, want string }{
		{"db record=", "f:1:4: " + want},
		{"db=info record=0", "f:1:9: record=0 out of range: " + want},
		{"db=info record=-5", "f:1:9: record=-5 out of range: " + want},
		{"db=info record=10001", "f:1:9: record=10001 out of range: " + want},
		{"db=info record=ten", `f:1:9: invalid number "ten": ` + want},
		{"db=info record=1e3", `f:1:9: invalid number "1e3": ` + want},
		{"db=info record=99999999999999999999", `f:1:9: invalid number "99999999999999999999": ` + want},
		{"db=info  record=5 record=6", "f:1:19: a second record= on one line: a rule has one recorder"},
		{"ok\ndb=info until=2026-11-26T18:00:00Z record=x", `f:2:36: invalid number "x": ` + want},
	}
	for _, tt := range tests {
		rules, err := Parse("f", []byte(tt.src))
		var se *SyntaxError
		if err == nil || err.Error() != tt.want || !errors.As(err, &se) || rules != nil {
			t.Errorf("Parse(%q) error\n got %v\nwant %s", tt.src, err, tt.want)
		}
	}
}

// flushed returns the messages of the entries of logger written with
// recorded=true, and of the intros, in order.
func flushed(f *fixture, logger string) []string {
	var out []string
	for _, e := range f.logs.FilterLoggerName(logger).All() {
		m := e.ContextMap()
		switch {
		case m["recorded"] == true:
			out = append(out, e.Message)
		case strings.Contains(e.Message, "recorded entries"):
			out = append(out, "intro: "+e.Message)
		}
	}
	return out
}

func TestReloadStartsResizesAndDropsRecording(t *testing.T) {
	f := newFixture(t)
	client := f.reg.Component("saas.client")
	f.write("saas.client=info record=3\n")
	f.reload()
	if got := fmt.Sprint(f.lastAck().ContextMap()["recording"]); got != "[saas.client: record=3]" {
		t.Errorf("ack recording = %s", got)
	}
	for i := range 5 {
		client.Debug(fmt.Sprint("d", i))
	}
	st := status(f, "saas.client")
	if st.Level != zapcore.InfoLevel || st.Record != 3 || st.Recorded != 3 {
		t.Fatalf("status %+v, want info, Record 3, Recorded 3", st)
	}

	// A reload that keeps the option keeps the buffer.
	f.write("saas.client=info record=3\nhttp=warn\n")
	f.reload()
	if st := status(f, "saas.client"); st.Recorded != 3 {
		t.Errorf("a reload that keeps record=3 left %d entries, want 3", st.Recorded)
	}
	// A change resizes it, keeping the newest.
	f.write("saas.client=warn record=2\n")
	f.reload()
	client.Info("i")
	if st := status(f, "saas.client"); st.Record != 2 || st.Recorded != 2 || st.Level != zapcore.WarnLevel {
		t.Errorf("after record=2: %+v", st)
	}
	client.Error("failed")
	if got, want := fmt.Sprint(flushed(f, "saas.client")), "[intro: 2 recorded entries before this error d4 i]"; got != want {
		t.Errorf("flushed %s, want %s", got, want)
	}

	// Removing the option drops the buffer.
	client.Debug("kept until the reload")
	f.write("saas.client=info\n")
	f.reload()
	if st := status(f, "saas.client"); st.Record != 0 || st.Recorded != 0 || client.Enabled(zapcore.DebugLevel) {
		t.Errorf("after removing record=: %+v, Enabled(debug)=%v", st, client.Enabled(zapcore.DebugLevel))
	}
	if _, ok := f.lastAck().ContextMap()["recording"]; ok {
		t.Error("the ack lists recording components with none")
	}
	f.write("saas.client=info record=3\n")
	f.reload()
	client.Error("failed again")
	if n := len(flushed(f, "saas.client")); n != 3 {
		t.Errorf("the dropped entry came back: %q", flushed(f, "saas.client"))
	}
}

func status(f *fixture, name string) ComponentStatus {
	f.t.Helper()
	return statusOf(f.t, f.reg, name)
}

func statusOf(t *testing.T, reg *Registry, name string) ComponentStatus {
	t.Helper()
	for _, s := range reg.Components() {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no component %s", name)
	return ComponentStatus{}
}

func TestRecordOnDebugWarns(t *testing.T) {
	f := newFixture(t)
	f.reg.Component("db")
	f.write("db=debug record=5\n")
	f.reload()
	w, _ := f.lastAck().ContextMap()["warning"].(string)
	if !strings.Contains(w, "record= on a rule at debug changes nothing") || !strings.Contains(w, f.file+":1") {
		t.Errorf("warning = %q", w)
	}
	if st := status(f, "db"); st.Record != 5 || st.Level != zapcore.DebugLevel {
		t.Errorf("status %+v", st)
	}
	f.reg.Component("db").Debug("written")
	if st := status(f, "db"); st.Recorded != 0 {
		t.Errorf("a debug component recorded %d entries", st.Recorded)
	}
}

func TestExpiryDropsTheRecording(t *testing.T) {
	f := newFixture(t)
	client := f.reg.Component("saas.client")
	until := time.Now().Add(300 * time.Millisecond)
	f.write(fmt.Sprintf("saas.client=info record=10 until=%s\n", ts(until)))
	f.reload()
	client.Debug("before the expiry")
	if st := status(f, "saas.client"); st.Recorded != 1 || !st.Expires.Equal(until.UTC().Round(0)) {
		t.Fatalf("status %+v", st)
	}
	wait.For(t, "the expiry", func() bool { return len(expiries(f.logs)) == 1 })
	if st := status(f, "saas.client"); st.Record != 0 || st.Recorded != 0 {
		t.Errorf("after the expiry: %+v, want no recording", st)
	}
	client.Error("failed")
	if got := flushed(f, "saas.client"); len(got) != 0 {
		t.Errorf("entries recorded before the expiry were written: %q", got)
	}
}

func TestFlushCountsByPattern(t *testing.T) {
	f := newFixture(t)
	client, api, db := f.reg.Component("saas.client"), f.reg.Component("saas.api"), f.reg.Component("db")
	f.reg.Component("saas")
	f.write("saas=info record=10\ndb=warn record=10\n")
	f.reload()
	client.Debug("c1")
	client.Debug("c2")
	api.With(zap.String("k", "v")).Debug("a1")
	db.Info("d1")
	if n := f.reg.Flush("saas.client"); n != 2 {
		t.Errorf("Flush(saas.client) = %d, want 2", n)
	}
	if n := f.reg.Flush("saas.client"); n != 0 {
		t.Errorf("second Flush(saas.client) = %d, want 0", n)
	}
	client.Debug("c3")
	if n := f.reg.Flush("saas"); n != 2 {
		t.Errorf("Flush(saas) = %d, want 2 (saas.client and saas.api)", n)
	}
	db.Info("d2")
	client.Debug("c4")
	if n := f.reg.Flush("*"); n != 3 {
		t.Errorf("Flush(*) = %d, want 3", n)
	}
	for _, bad := range []string{"", "Saas", "saas..client", "nope"} {
		if n := f.reg.Flush(bad); n != 0 {
			t.Errorf("Flush(%q) = %d", bad, n)
		}
	}
	if got, want := fmt.Sprint(flushed(f, "saas.client")), "[intro: 2 recorded entries, written on demand c1 c2 intro: 1 recorded entries, written on demand c3 intro: 1 recorded entries, written on demand c4]"; got != want {
		t.Errorf("saas.client wrote %s\nwant %s", got, want)
	}
	for _, e := range f.logs.FilterMessage("a1").All() {
		if e.ContextMap()["k"] != "v" {
			t.Errorf("a1 lost its With context: %v", e.ContextMap())
		}
	}
}

func TestCovers(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"*", "db", true}, {"*", "db.pool", true}, {"db", "db", true}, {"db", "db.pool.conn", true},
		{"db", "dbx", false}, {"db.pool", "db", false}, {"*.pool", "db.pool", true}, {"*.pool", "db.conn", false},
		{"db.*.conn", "db.a.conn.x", true}, {"db.*.conn", "db.a", false}, {"saas.client", "saas", false},
	}
	for _, tt := range tests {
		if got := covers(tt.pattern, tt.name); got != tt.want {
			t.Errorf("covers(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

// TestEachComponentFlushesItsOwn: an error in saas.client writes
// saas.client's entries, not those of saas, its parent, which a rule for
// "saas" also makes record.
func TestEachComponentFlushesItsOwn(t *testing.T) {
	f := newFixture(t)
	parent, client := f.reg.Component("saas"), f.reg.Component("saas.client")
	f.write("saas=info record=10\n")
	f.reload()
	parent.Debug("parent's")
	client.Debug("client's")
	client.Error("failed")
	if got := fmt.Sprint(flushed(f, "saas.client")); got != "[intro: 1 recorded entries before this error client's]" {
		t.Errorf("saas.client wrote %s", got)
	}
	if got := flushed(f, "saas"); len(got) != 0 || status(f, "saas").Recorded != 1 {
		t.Errorf("saas wrote %q, holds %d: want nothing written, 1 held", got, status(f, "saas").Recorded)
	}
}

// TestRecordBelowTheSinkLevelWarns: a sink that drops Debug makes
// record= on a rule at Info record nothing, and a rule at Warn record
// Info only. The acknowledgement must say so, naming the rule and the fix,
// at Warn, and not list the recorder as if it worked; and indeed nothing
// is recorded. Both sinks: a zap core and a slog handler at Info.
func TestRecordBelowTheSinkLevelWarns(t *testing.T) {
	type ack struct {
		level     zapcore.Level
		warning   string
		recording string
	}
	sinks := []struct {
		name string
		fix  string
		opt  func() (Option, func() []ack)
	}{
		{"core", "give the core a lower level", func() (Option, func() []ack) {
			core, logs := observer.New(zapcore.InfoLevel)
			return WithCore(core), func() []ack {
				var out []ack
				for _, e := range logs.FilterLoggerName(SelfName).All() {
					m := e.ContextMap()
					w, _ := m["warning"].(string)
					out = append(out, ack{e.Level, w, fmt.Sprint(m["recording"])})
				}
				return out
			}
		}},
		{"handler", "slog.HandlerOptions.Level", func() (Option, func() []ack) {
			rec := newRecorder(slog.LevelInfo)
			return WithHandler(rec), func() []ack {
				var out []ack
				for _, r := range rec.find("components reloaded") {
					out = append(out, ack{zapLevelOf(r.level), r.attrs["warning"].String(), fmt.Sprint(r.attrs["recording"].Any())})
				}
				return out
			}
		}},
	}
	for _, sink := range sinks {
		t.Run(sink.name, func(t *testing.T) {
			opt, acks := sink.opt()
			file := filepath.Join(t.TempDir(), "components")
			reg := New(opt, WithFile(file))
			db := reg.Component("db")

			mustNil(t, os.WriteFile(file, []byte("db=info record=50\n"), 0o644))
			mustNil(t, reg.Reload())
			a := acks()[len(acks())-1]
			for _, want := range []string{"writes only info and above", "record=50 on db at " + file + ":1 records nothing", sink.fix, "or remove record="} {
				if !strings.Contains(a.warning, want) {
					t.Errorf("warning %q lacks %q", a.warning, want)
				}
			}
			if a.level != zapcore.WarnLevel || !strings.Contains(a.recording, "db: record=50 (records nothing: the sink takes only info and above)") {
				t.Errorf("acknowledgement at %v listing %s, want warn and the recorder marked as recording nothing", a.level, a.recording)
			}
			for i := range 10 {
				db.Debug(fmt.Sprint("d", i))
			}
			if st := statusOf(t, reg, "db"); st.Recorded != 0 {
				t.Errorf("%d entries recorded below the sink's level", st.Recorded)
			}

			// At Warn, the rule records Info but not Debug.
			mustNil(t, os.WriteFile(file, []byte("db=warn record=50\n"), 0o644))
			mustNil(t, reg.Reload())
			a = acks()[len(acks())-1]
			if !strings.Contains(a.warning, "record=50 on db at "+file+":1 records only info and above, not debug") || !strings.Contains(a.warning, sink.fix) {
				t.Errorf("warning %q, want the rule, what it records, and the fix", a.warning)
			}
			if strings.Contains(a.recording, "records nothing") {
				t.Errorf("recording %s: db records info", a.recording)
			}
			db.Debug("d")
			db.Info("i")
			if st := statusOf(t, reg, "db"); st.Recorded != 1 {
				t.Errorf("%d entries recorded, want the Info one", st.Recorded)
			}
		})
	}

	// A sink at Debug: no warning.
	f := newFixture(t)
	f.reg.Component("db")
	f.write("db=info record=50\n")
	f.reload()
	if w, ok := f.lastAck().ContextMap()["warning"]; ok || f.lastAck().Level != zapcore.InfoLevel {
		t.Errorf("a sink at debug: warning %v at %v", w, f.lastAck().Level)
	}
}

// zapLevelOf returns the zap level of a slog level of the four.
func zapLevelOf(l slog.Level) zapcore.Level {
	switch l {
	case slog.LevelDebug:
		return zapcore.DebugLevel
	case slog.LevelWarn:
		return zapcore.WarnLevel
	case slog.LevelError:
		return zapcore.ErrorLevel
	}
	return zapcore.InfoLevel
}
