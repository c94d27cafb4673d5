package registry

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

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
		{"db http", `f:1:4: unexpected "http" after the rule: expected one rule per line, optionally followed by until=<time>`},
		{"db=debug level=5m", `f:1:10: unknown option "level": the only option is until=<RFC 3339 time>, such as until=2026-11-26T15:00:00Z`},
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
