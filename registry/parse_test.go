package registry

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"
)

func TestParseValid(t *testing.T) {
	src := strings.Join([]string{
		"# one rule per line",
		"",
		"saas.client          # a bare name: debug",
		"db=info",
		"  http.*.retry=DEBUG\t# case-insensitive levels",
		"*=warn",
		"a_b-c.0=Error\r",
		"x=dpanic", "y=panic", "z=fatal", "w=Warn",
		"\t   ",
		"# trailing comment without newline",
	}, "\n")
	rules, err := Parse("comp", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Rule{
		{Pattern: "saas.client", Level: zapcore.DebugLevel, File: "comp", Line: 3},
		{Pattern: "db", Level: zapcore.InfoLevel, File: "comp", Line: 4},
		{Pattern: "http.*.retry", Level: zapcore.DebugLevel, File: "comp", Line: 5},
		{Pattern: "*", Level: zapcore.WarnLevel, File: "comp", Line: 6},
		{Pattern: "a_b-c.0", Level: zapcore.ErrorLevel, File: "comp", Line: 7},
		{Pattern: "x", Level: zapcore.DPanicLevel, File: "comp", Line: 8},
		{Pattern: "y", Level: zapcore.PanicLevel, File: "comp", Line: 9},
		{Pattern: "z", Level: zapcore.FatalLevel, File: "comp", Line: 10},
		{Pattern: "w", Level: zapcore.WarnLevel, File: "comp", Line: 11},
	}
	if !slices.Equal(rules, want) {
		t.Fatalf("Parse =\n%v\nwant\n%v", rules, want)
	}
	if rules[2].String() != "http.*.retry=debug" || rules[2].Source() != "comp:5" {
		t.Fatalf("String()=%q Source()=%q", rules[2].String(), rules[2].Source())
	}
}

func TestParseEmpty(t *testing.T) {
	for _, src := range []string{"", "\n", "# only a comment\n\n", "   \t\n"} {
		rules, err := Parse("f", []byte(src))
		if err != nil || len(rules) != 0 {
			t.Errorf("Parse(%q) = %v, %v; want no rules", src, rules, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		src  string
		want string // the whole error
	}{
		{"db=verbose", `f:1:4: unknown level "verbose": expected debug, info, warn, error, dpanic, panic or fatal`},
		{"ok\n\n  db=", `f:3:6: expected a level after '=' (debug, info, warn, error, dpanic, panic or fatal), with no space around '='`},
		{"=debug", `f:1:1: expected a component name or pattern before '='`},
		{"db = info", `f:1:4: unexpected '=': write pattern=level with no space around '='`},
		{"db =info", `f:1:4: unexpected '=': write pattern=level with no space around '='`},
		{"db http", `f:1:4: unexpected "http" after the rule: expected one rule per line, optionally followed by record=<n>, limit=<n>/s and until=<time>`},
		{"db=debug level=5m", `f:1:10: unknown option "level": the options are record=<n>, limit=<n>/s and until=<RFC 3339 time>, such as record=200 limit=100/s until=2026-11-26T15:00:00Z`},
		{"Db", `f:1:1: invalid character 'D' in pattern "Db": expected segments of [a-z0-9_-] or '*' joined by '.'`},
		{"  db.Pool=info", `f:1:6: invalid character 'P' in pattern "db.Pool": expected segments of [a-z0-9_-] or '*' joined by '.'`},
		{"db..pool", `f:1:4: empty segment in pattern "db..pool": expected a name segment or '*' between dots`},
		{".db", `f:1:1: empty segment in pattern ".db": expected a name segment or '*' between dots`},
		{"db.", `f:1:4: empty segment in pattern "db.": expected a name segment or '*' between dots`},
		{"db*", `f:1:3: '*' in pattern "db*" must be a whole segment, as in db.*.conn`},
		{"http.**", `f:1:6: '*' in pattern "http.**" must be a whole segment, as in db.*.conn`},
		{"db=info=debug", `f:1:4: unknown level "info=debug": expected debug, info, warn, error, dpanic, panic or fatal`},
		{"db\v", `f:1:3: invalid character '\v' in pattern "db\v": expected segments of [a-z0-9_-] or '*' joined by '.'`},
		{"café", `f:1:4: invalid character 'é' in pattern "café": expected segments of [a-z0-9_-] or '*' joined by '.'`},
		{"a\nb\nc=nope # x", `f:3:3: unknown level "nope": expected debug, info, warn, error, dpanic, panic or fatal`},
	}
	for _, tt := range tests {
		rules, err := Parse("f", []byte(tt.src))
		if err == nil {
			t.Errorf("Parse(%q) = %v, want error %q", tt.src, rules, tt.want)
			continue
		}
		if rules != nil {
			t.Errorf("Parse(%q) returned rules with an error", tt.src)
		}
		if err.Error() != tt.want {
			t.Errorf("Parse(%q) error\n got %s\nwant %s", tt.src, err, tt.want)
		}
		var se *SyntaxError
		if !errors.As(err, &se) || se.File != "f" {
			t.Errorf("Parse(%q) error %T is not a *SyntaxError for f", tt.src, err)
		}
	}
}

func TestParseByteOrderMark(t *testing.T) {
	for _, src := range []string{"\ufeffdb\n", "\ufeff# header\ndb\n"} {
		rules, err := Parse("f", []byte(src))
		if err != nil || len(rules) != 1 || rules[0].Pattern != "db" {
			t.Errorf("Parse(%q) = %v, %v; want the rule db", src, rules, err)
		}
	}
	// Only a leading mark is skipped; elsewhere it is an invalid character.
	if _, err := Parse("f", []byte("db\n\ufeffx\n")); err == nil || !strings.HasPrefix(err.Error(), "f:2:1: invalid character '\\ufeff'") {
		t.Errorf("a mark on line 2: %v", err)
	}
}

func TestParseErrorsQuoteBoundedInput(t *testing.T) {
	long := strings.Repeat("a", 100) + strings.Repeat("b", 1<<20)
	_, err := Parse("f", []byte(long+"X"))
	want := fmt.Sprintf("f:1:%d: invalid character 'X' in pattern %q…: expected segments of [a-z0-9_-] or '*' joined by '.'", len(long)+1, strings.Repeat("a", 64))
	if err == nil || err.Error() != want {
		t.Fatalf("error = %.300v\nwant %s", err, want)
	}
	if q := quote(strings.Repeat("a", 63) + "é"); q != `"`+strings.Repeat("a", 63)+`"…` {
		t.Errorf("quote cut inside a rune: %s", q)
	}
}

func TestParseUntil(t *testing.T) {
	tests := []struct {
		src  string
		want string // the rule's String()
	}{
		{"db until=2026-11-26T15:00:00Z", "db=debug until=2026-11-26T15:00:00Z"},
		{"db=info until=2026-11-26T15:00:00+01:00", "db=info until=2026-11-26T14:00:00Z"},
		{"db=info until=2026-11-26T15:00:00-07:30", "db=info until=2026-11-26T22:30:00Z"},
		{"db\tuntil=2026-11-26T15:00:00.25Z   # comment", "db=debug until=2026-11-26T15:00:00.25Z"},
		{"db until=2026-11-26T15:00:00.123456789Z", "db=debug until=2026-11-26T15:00:00.123456789Z"},
		{"*.x=WARN until=1970-01-01T00:00:00Z\r", "*.x=warn until=1970-01-01T00:00:00Z"},
	}
	for _, tt := range tests {
		rules, err := Parse("f", []byte(tt.src))
		if err != nil || len(rules) != 1 {
			t.Errorf("Parse(%q) = %v, %v", tt.src, rules, err)
			continue
		}
		r := rules[0]
		if r.String() != tt.want || r.Until.Location() != time.UTC {
			t.Errorf("Parse(%q) = %s in %v, want %s in UTC", tt.src, r, r.Until.Location(), tt.want)
		}
		again, err := Parse("f", []byte(r.String()))
		if err != nil || len(again) != 1 || !again[0].Until.Equal(r.Until) || again[0].Pattern != r.Pattern || again[0].Level != r.Level {
			t.Errorf("round trip of %s: %v, %v", r, again, err)
		}
	}
	if s := (Rule{Pattern: "db", Level: zapcore.WarnLevel}).String(); s != "db=warn" {
		t.Errorf("String() without until = %q", s)
	}
}

func TestParseUntilErrors(t *testing.T) {
	const want = "expected an RFC 3339 time with an offset or Z after until=, such as until=2026-11-26T15:00:00Z"
	tests := []struct{ src, want string }{
		{"db until=", "f:1:4: " + want},
		{"db until=tomorrow", `f:1:4: invalid time "tomorrow": ` + want},
		{"db=info  until=2026-11-26", `f:1:10: invalid time "2026-11-26": ` + want},
		{"db until=2026-11-26T15:00:00", `f:1:4: invalid time "2026-11-26T15:00:00": ` + want},
		{"db until=2026-11-26 15:00:00Z", `f:1:4: invalid time "2026-11-26": ` + want},
		{"db until=2026-13-26T15:00:00Z", `f:1:4: invalid time "2026-13-26T15:00:00Z": ` + want},
		{"db until=1969-12-31T23:59:59Z", `f:1:4: time "1969-12-31T23:59:59Z" out of range: expected a year from 1970 to 9999 in UTC`},
		{"db until=9999-12-31T23:00:00-01:00", `f:1:4: time "9999-12-31T23:00:00-01:00" out of range: expected a year from 1970 to 9999 in UTC`},
		{"db until=2026-11-26T15:00:00Z until=2026-11-27T15:00:00Z", "f:1:31: a second until= on one line: a rule has one expiry"},
		{"db until=2026-11-26T15:00:00Z x=1", `f:1:31: unknown option "x": the options are record=<n>, limit=<n>/s and until=<RFC 3339 time>, such as record=200 limit=100/s until=2026-11-26T15:00:00Z`},
		{"db until=2026-11-26T15:00:00Z db", `f:1:31: unexpected "db" after the rule: expected one rule per line, optionally followed by record=<n>, limit=<n>/s and until=<time>`},
		{"db expires=2026-11-26T16:00:00+01:00", "f:1:4: expires= is not an option: write until=2026-11-26T15:00:00Z"},
		{"db until=" + strings.Repeat("9", 1<<20), `f:1:4: invalid time "` + strings.Repeat("9", 64) + `"…: ` + want},
	}
	for _, tt := range tests {
		_, err := Parse("f", []byte(tt.src))
		var se *SyntaxError
		if err == nil || err.Error() != tt.want || !errors.As(err, &se) {
			t.Errorf("Parse(%.60q) error\n got %v\nwant %s", tt.src, err, tt.want)
		}
	}
}

// TestParseRelativeTimes: a relative time is refused with the absolute
// until= to write, computed from now, which parses.
func TestParseRelativeTimes(t *testing.T) {
	tests := []struct {
		src  string
		key  string
		d    time.Duration
		said string
	}{
		{"saas.client for=15m", "for", 15 * time.Minute, "15m"},
		{"db=debug ttl=1h30m", "ttl", 90 * time.Minute, "1h30m"},
		{"db duration=2d", "duration", 48 * time.Hour, "2d"},
		{"db expires=90s", "expires", 90 * time.Second, "90s"},
		{"db for=" + strings.Repeat("1s", 30), "for", 30 * time.Second, "30s"},
		{"db for=soon", "for", time.Hour, "1h"},
		{"db for=-5m", "for", time.Hour, "1h"},
		{"db for=99999d", "for", time.Hour, "1h"},
	}
	for _, tt := range tests {
		before := time.Now()
		_, err := Parse("components", []byte("# header\n\n"+tt.src))
		after := time.Now()
		var se *SyntaxError
		if !errors.As(err, &se) || se.Line != 3 || se.Col != strings.Index(tt.src, tt.key+"=")+1 {
			t.Errorf("Parse(%q) = %v, want a *SyntaxError at 3:%d", tt.src, err, strings.Index(tt.src, tt.key+"=")+1)
			continue
		}
		prefix := tt.key + `= is relative and a file has no "now": write `
		if !strings.HasPrefix(se.Msg, prefix) {
			t.Errorf("message %q, want prefix %q", se.Msg, prefix)
			continue
		}
		rest := strings.TrimPrefix(strings.TrimPrefix(se.Msg, prefix), "an absolute until=<RFC 3339 time>, such as ")
		until, said, ok := strings.Cut(rest, " (")
		if !ok || said != tt.said+" from now)" {
			t.Errorf("message %q, want (%s from now)", se.Msg, tt.said)
			continue
		}
		// The suggestion is a working rule.
		rules, err := Parse("components", []byte("db "+until))
		if err != nil {
			t.Errorf("the suggested %q does not parse: %v", until, err)
			continue
		}
		lo, hi := before.Add(tt.d).Add(-time.Second), after.Add(tt.d).Add(time.Second)
		if u := rules[0].Until; u.Before(lo) || u.After(hi) || u.Nanosecond() != 0 {
			t.Errorf("suggested %v, want whole seconds within [%v, %v]", u, lo, hi)
		}
	}
	// The example of the issue, with a fixed clock.
	now := func() time.Time { return time.Date(2026, 11, 26, 15, 4, 5, 0, time.UTC) }
	_, err := parse("components", []byte("\n\nsaas.client for=15m\n"), now)
	if want := `components:3:13: for= is relative and a file has no "now": write until=2026-11-26T15:19:05Z (15m from now)`; err == nil || err.Error() != want {
		t.Errorf("error\n got %v\nwant %s", err, want)
	}
}
