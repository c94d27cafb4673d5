package registry

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"
)

func TestOverridePrecedence(t *testing.T) {
	f := newFixture(t)
	for _, n := range []string{"db", "db.pool", "db.pool.conn", "http", "saas.client"} {
		f.reg.Component(n)
	}
	f.write("db.pool.conn=error\n*=warn\n")
	f.reload()
	until := time.Now().Add(time.Hour)

	// An override beats every file rule it covers, even a more specific one.
	mustNil(t, f.reg.Override("db", zapcore.DebugLevel, until))
	if got, want := f.levels(), "db=debug@override db.pool=debug@override db.pool.conn=debug@override http=warn@:2 saas.client=warn@:2"; got != want {
		t.Fatalf("levels = %s\nwant     %s", got, want)
	}
	// Among overrides, the most specific wins.
	mustNil(t, f.reg.Override("db.pool", zapcore.ErrorLevel, until))
	if got, want := f.levels(), "db=debug@override db.pool=error@override db.pool.conn=error@override http=warn@:2 saas.client=warn@:2"; got != want {
		t.Fatalf("levels = %s\nwant     %s", got, want)
	}
	// At equal specificity, the override set last wins; setting one again
	// replaces it and makes it the last.
	mustNil(t, f.reg.Override("*.client", zapcore.InfoLevel, until))
	mustNil(t, f.reg.Override("saas.*", zapcore.DPanicLevel, until))
	if got := f.reg.Component("saas.client").Level(); got != zapcore.DPanicLevel {
		t.Fatalf("saas.client at %v, want dpanic from the override set last", got)
	}
	mustNil(t, f.reg.Override("*.client", zapcore.DebugLevel, until))
	if got := f.reg.Component("saas.client").Level(); got != zapcore.DebugLevel {
		t.Fatalf("saas.client at %v, want debug from the override set again", got)
	}

	got := f.reg.Overrides()
	var list []string
	for _, o := range got {
		if o.Source() != "override" || !o.Until.Equal(until) || o.Until.Location() != time.UTC {
			t.Fatalf("override %+v: Source %q, Until %v, want override until %v in UTC", o, o.Source(), o.Until, until)
		}
		list = append(list, o.String())
	}
	u := until.UTC().Format(time.RFC3339Nano)
	if want := fmt.Sprintf("[*.client=debug until=%[1]s db=debug until=%[1]s db.pool=error until=%[1]s saas.*=dpanic until=%[1]s]", u); fmt.Sprint(list) != want {
		t.Fatalf("Overrides = %v\nwant        %s", list, want)
	}
	for _, s := range f.reg.Components() {
		if s.Name == "db" && (s.Rule != "override" || !s.Expires.Equal(until)) {
			t.Fatalf("status of db = %+v, want rule override expiring %v", s, until)
		}
	}
}

func TestOverridesSurviveReloadsAndClearFallsBack(t *testing.T) {
	f := newFixture(t)
	f.reg.Component("db")
	f.reg.Component("http")
	f.write("db=warn\n")
	f.reload()
	mustNil(t, f.reg.Override("db", zapcore.DebugLevel, time.Now().Add(time.Minute), By("test")))
	for _, content := range []string{"db=error\nhttp=debug\n", "", "db=info until=2000-01-01T00:00:00Z\n"} {
		f.write(content)
		f.reload()
		if got := f.reg.Component("db").Level(); got != zapcore.DebugLevel {
			t.Fatalf("after reloading %q: db at %v, want debug from the override", content, got)
		}
	}
	f.write("db=error\nhttp=debug\n")
	f.reload()
	if !f.reg.ClearOverride("db", By("test")) {
		t.Fatal("ClearOverride of an override in force returned false")
	}
	if got, want := f.levels(), "db=error@:1 http=debug@:2"; got != want {
		t.Fatalf("after ClearOverride: %s, want %s", got, want)
	}
	ack := f.lastAck()
	m := ack.ContextMap()
	if ack.Message != "override cleared" || ack.Level != zapcore.InfoLevel || m["by"] != "test" || m["pattern"] != "db" ||
		fmt.Sprint(m["changed"]) != "[db: debug→error]" {
		t.Fatalf("ack = %v %q %v", ack.Level, ack.Message, m)
	}
	if f.reg.ClearOverride("db") {
		t.Fatal("ClearOverride of no override returned true")
	}
	if ack := f.lastAck(); ack.Message != "no override to clear; nothing changed" {
		t.Fatalf("ack = %q", ack.Message)
	}

	until := time.Now().Add(time.Minute)
	mustNil(t, f.reg.Override("db", zapcore.DebugLevel, until))
	mustNil(t, f.reg.Override("http", zapcore.ErrorLevel, until))
	if n := f.reg.ClearOverrides(By("test")); n != 2 {
		t.Fatalf("ClearOverrides = %d, want 2", n)
	}
	if got, want := f.levels(), "db=error@:1 http=debug@:2"; got != want || len(f.reg.Overrides()) != 0 {
		t.Fatalf("after ClearOverrides: %s, %v; want %s and no override", got, f.reg.Overrides(), want)
	}
	if m := f.lastAck().ContextMap(); m["cleared"] != int64(2) || m["changed_count"] != int64(2) {
		t.Fatalf("ack = %v", m)
	}
}

func TestOverrideAcknowledgement(t *testing.T) {
	f := newFixture(t)
	f.reg.Component("db")
	until := time.Now().Add(time.Hour).Truncate(time.Second)
	mustNil(t, f.reg.Override("db", zapcore.DebugLevel, until, By("http 127.0.0.1:5000")))
	ack := f.lastAck()
	m := ack.ContextMap()
	u := until.UTC().Format(time.RFC3339)
	if ack.Level != zapcore.InfoLevel || ack.Message != "override set" || m["pattern"] != "db" || m["override_level"] != "debug" ||
		m["by"] != "http 127.0.0.1:5000" || fmt.Sprint(m["changed"]) != "[db: info→debug until "+u+"]" || m["unmatched"] != nil {
		t.Fatalf("ack = %v %q %v", ack.Level, ack.Message, m)
	}
	if got, ok := m["until"].(time.Time); !ok || !got.Equal(until) {
		t.Fatalf("until = %v, want %v", m["until"], until)
	}

	// A pattern that matches nothing is most likely a typo: Warn, with a hint.
	mustNil(t, f.reg.Override("dbb", zapcore.DebugLevel, until))
	ack = f.lastAck()
	if ack.Level != zapcore.WarnLevel || ack.ContextMap()["unmatched"] != "override: no component matches dbb; did you mean db?" {
		t.Fatalf("ack = %v %v", ack.Level, ack.ContextMap())
	}
	// It applies to components registered later.
	if f.reg.Component("dbb").Level() != zapcore.DebugLevel {
		t.Fatal("override not applied to a later component")
	}
}

func TestOverrideRejectsBadInput(t *testing.T) {
	now := time.Now()
	tests := []struct {
		name    string
		pattern string
		level   zapcore.Level
		until   time.Time
		want    string
	}{
		{"no until", "db", zapcore.DebugLevel, time.Time{}, "registry: an override needs an until: overrides always expire"},
		{"past", "db", zapcore.DebugLevel, now.Add(-time.Second), "registry: until " + now.Add(-time.Second).UTC().Format(time.RFC3339Nano) + " is not in the future"},
		{"beyond 24h", "db", zapcore.DebugLevel, now.Add(25 * time.Hour), "beyond the bound of 24h0m0s on overrides"},
		{"empty pattern", "", zapcore.DebugLevel, now.Add(time.Hour), "registry: an override needs a pattern"},
		{"bad pattern", "db.Pool", zapcore.DebugLevel, now.Add(time.Hour), `registry: bad override pattern at column 4: invalid character 'P' in pattern "db.Pool"`},
		{"empty segment", "db..x", zapcore.DebugLevel, now.Add(time.Hour), `registry: bad override pattern at column 4: empty segment`},
		{"bad level", "db", zapcore.InvalidLevel, now.Add(time.Hour), "registry: bad override level 6: expected debug, info"},
		{"huge pattern", strings.Repeat("a", 1<<16) + "X", zapcore.DebugLevel, now.Add(time.Hour), "registry: bad override pattern at column 65537"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.reg.Component("db")
			n := f.logs.Len()
			err := f.reg.Override(tt.pattern, tt.level, tt.until)
			if err == nil || !strings.HasPrefix(err.Error(), "registry: ") || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Override = %v, want an error containing %q", err, tt.want)
			}
			if len(err.Error()) > 400 {
				t.Errorf("error of %d bytes: bad input must be quoted within bounds", len(err.Error()))
			}
			if len(f.reg.Overrides()) != 0 || f.levels() != "db=info" || f.logs.Len() != n {
				t.Fatalf("a refused override changed something: %v %s, %d entries logged", f.reg.Overrides(), f.levels(), f.logs.Len()-n)
			}
		})
	}
}

func TestWithMaxOverride(t *testing.T) {
	f := newFixture(t, WithMaxOverride(time.Hour))
	if err := f.reg.Override("db", zapcore.DebugLevel, time.Now().Add(61*time.Minute)); err == nil || !strings.Contains(err.Error(), "beyond the bound of 1h0m0s") {
		t.Fatalf("Override past the bound = %v", err)
	}
	mustNil(t, f.reg.Override("db", zapcore.DebugLevel, time.Now().Add(59*time.Minute)))
}

func TestOverrideWildcardKeepsTheAcknowledgement(t *testing.T) {
	f := newFixture(t)
	f.reg.Component("db")
	mustNil(t, f.reg.Override("*", zapcore.ErrorLevel, time.Now().Add(time.Hour)))
	if f.reg.Component(SelfName).Level() != zapcore.InfoLevel || f.lastAck().Message != "override set" {
		t.Fatal("an override of '*' hid the acknowledgement")
	}
	mustNil(t, f.reg.Override(SelfName, zapcore.WarnLevel, time.Now().Add(time.Hour)))
	if f.reg.Component(SelfName).Level() != zapcore.WarnLevel {
		t.Fatal("a literal override of scopelog not applied")
	}
}

func TestFile(t *testing.T) {
	f := newFixture(t)
	if f.reg.File() != f.file {
		t.Fatalf("File() = %q, want %q", f.reg.File(), f.file)
	}
	var zero Registry
	if zero.File() != "" {
		t.Fatal("File() of the zero Registry is not empty")
	}
}

// TestRequireMatch: under RequireMatch, a pattern that covers no registered
// component is refused with the did-you-mean, and changes nothing; one that
// covers one, or a later registration, is set.
func TestRequireMatch(t *testing.T) {
	f := newFixture(t)
	f.reg.Component("saas.client")
	f.reg.Component("db.pool")
	until := time.Now().Add(time.Hour)
	n := f.logs.Len()
	for _, tc := range []struct{ pattern, suggestion string }{
		{"saas.clinet", "saas.client"},
		{"db.*.conn", ""},
		{"*.pol", "*.pool"},
		{"nothing", ""},
	} {
		err := f.reg.Override(tc.pattern, zapcore.DebugLevel, until, RequireMatch(), By("test"))
		ue, ok := err.(*UnmatchedError)
		if !ok || ue.Pattern != tc.pattern || ue.Suggestion != tc.suggestion {
			t.Fatalf("Override(%s) = %#v, want an *UnmatchedError suggesting %q", tc.pattern, err, tc.suggestion)
		}
		want := "registry: no registered component matches " + tc.pattern
		if tc.suggestion != "" {
			want += "; did you mean " + tc.suggestion + "?"
		}
		if err.Error() != want {
			t.Errorf("error %q, want %q", err, want)
		}
	}
	if len(f.reg.Overrides()) != 0 || f.logs.Len() != n || f.levels() != "db.pool=info saas.client=info" {
		t.Fatalf("refused overrides changed something: %v, %s, %d entries logged", f.reg.Overrides(), f.levels(), f.logs.Len()-n)
	}
	for _, p := range []string{"saas", "db.*", "*", "saas.client.conn.x"} {
		err := f.reg.Override(p, zapcore.DebugLevel, until, RequireMatch())
		if p == "saas.client.conn.x" {
			if err == nil {
				t.Error("a pattern deeper than every component was set")
			}
			continue
		}
		mustNil(t, err)
	}
	// A component registered later makes the pattern match.
	f.reg.Component("saas.clinet")
	mustNil(t, f.reg.Override("saas.clinet", zapcore.WarnLevel, until, RequireMatch()))
	if got := f.reg.Component("saas.clinet").Level(); got != zapcore.WarnLevel {
		t.Errorf("saas.clinet at %v, want warn", got)
	}
}
