package registry

import (
	"errors"
	"strings"
	"testing"

	"go.uber.org/zap/zapcore"
)

const editSrc = "# components of myapp\n" +
	"\n" +
	"db=info          # the pool is noisy\n" +
	"  saas.client    # ticket 4711\n" +
	"http.*.retry=debug\n" +
	"db=warn\n"

func TestSetRuleReplaces(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		r    Rule
		want string
	}{
		{"keeps indentation and comment", editSrc, Rule{Pattern: "saas.client", Level: zapcore.WarnLevel},
			strings.Replace(editSrc, "  saas.client    # ticket 4711", "  saas.client=warn    # ticket 4711", 1)},
		{"the last of equal patterns, the one in force", editSrc, Rule{Pattern: "db", Level: zapcore.DebugLevel},
			strings.Replace(editSrc, "db=warn\n", "db=debug\n", 1)},
		{"a wildcard pattern", editSrc, Rule{Pattern: "http.*.retry", Level: zapcore.ErrorLevel},
			strings.Replace(editSrc, "http.*.retry=debug", "http.*.retry=error", 1)},
		{"CRLF", "a\r\nb=info # x\r\nc\r\n", Rule{Pattern: "b", Level: zapcore.DebugLevel}, "a\r\nb=debug # x\r\nc\r\n"},
		{"tab and no final newline", "a\n\tb=info", Rule{Pattern: "b", Level: zapcore.DebugLevel}, "a\n\tb=debug"},
		{"byte order mark", "\uFEFFb=info\n", Rule{Pattern: "b", Level: zapcore.DebugLevel}, "\uFEFFb=debug\n"},
		{"a comment that names the pattern is not a rule", "# b\nb=info\n", Rule{Pattern: "b", Level: zapcore.WarnLevel}, "# b\nb=warn\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := SetRule("components", []byte(tc.src), tc.r)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestSetRuleAppends(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{editSrc, editSrc + "db.pool=debug\n"},
		{"", "db.pool=debug\n"},
		{"# only a comment", "# only a comment\ndb.pool=debug\n"},
		{"a\r\nb", "a\r\nb\r\ndb.pool=debug\r\n"},
		// "db" covers db.pool, but only an equal pattern is replaced.
		{"db\n", "db\ndb.pool=debug\n"},
	} {
		got, err := SetRule("components", []byte(tc.src), Rule{Pattern: "db.pool", Level: zapcore.DebugLevel, File: "ignored", Line: 9})
		if err != nil {
			t.Fatalf("%q: %v", tc.src, err)
		}
		if string(got) != tc.want {
			t.Errorf("%q: got %q, want %q", tc.src, got, tc.want)
		}
	}
}

func TestSetRuleRefusesBadRules(t *testing.T) {
	for _, tc := range []struct {
		r    Rule
		want string
	}{
		{Rule{Pattern: "Saas.client"}, `registry: invalid rule "Saas.client=info": column 1: invalid character 'S' in pattern "Saas.client"`},
		{Rule{Pattern: "db..pool"}, `registry: invalid rule "db..pool=info": column 4: empty segment`},
		{Rule{Pattern: ""}, `registry: invalid rule "=info": column 1: expected a component name or pattern`},
		{Rule{Pattern: "db # x"}, `registry: invalid rule "db # x=info"`},
		{Rule{Pattern: "db pool"}, `registry: invalid rule "db pool=info"`},
		{Rule{Pattern: "db\nhttp"}, `registry: invalid rule "db\nhttp=info"`},
		{Rule{Pattern: "db", Level: zapcore.Level(42)}, `registry: invalid rule "db=Level(42)": column 4: unknown level "Level(42)"`},
	} {
		got, err := SetRule("components", []byte(editSrc), tc.r)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("SetRule(%+v) = %q, %v; want an error starting %q", tc.r, got, err, tc.want)
		}
	}
}

func TestEditRefusesAnInvalidFile(t *testing.T) {
	src := []byte("db\nsaas.client=verbose # typo\n")
	_, err := SetRule("/etc/app/components", src, Rule{Pattern: "db", Level: zapcore.InfoLevel})
	var se *SyntaxError
	if !errors.As(err, &se) || err.Error() != `/etc/app/components:2:13: unknown level "verbose": expected debug, info, warn, error, dpanic, panic or fatal` {
		t.Errorf("SetRule on an invalid file: %v", err)
	}
	if _, err := RemoveRule("/etc/app/components", src, "db"); !errors.As(err, &se) || se.Line != 2 {
		t.Errorf("RemoveRule on an invalid file: %v", err)
	}
}

func TestRemoveRule(t *testing.T) {
	for _, tc := range []struct{ src, pattern, want string }{
		{editSrc, "saas.client", strings.Replace(editSrc, "  saas.client    # ticket 4711\n", "", 1)},
		// Every line of the pattern, or an earlier one would take over.
		{editSrc, "db", "# components of myapp\n\n  saas.client    # ticket 4711\nhttp.*.retry=debug\n"},
		{"a\r\nb\r\nc", "c", "a\r\nb\r\n"},
		{"a\r\nb\r\nc", "a", "b\r\nc"},
		{"\uFEFFa\nb\n", "a", "\uFEFFb\n"},
	} {
		got, err := RemoveRule("components", []byte(tc.src), tc.pattern)
		if err != nil {
			t.Fatalf("%q without %s: %v", tc.src, tc.pattern, err)
		}
		if string(got) != tc.want {
			t.Errorf("%q without %s: got %q, want %q", tc.src, tc.pattern, got, tc.want)
		}
	}
}

func TestRemoveRuleNoSuchRule(t *testing.T) {
	// db covers db.pool, but there is no rule for db.pool to remove.
	_, err := RemoveRule("components", []byte(editSrc), "db.pool")
	if !errors.Is(err, ErrNoRule) || err.Error() != `components: registry: no rule with this pattern: "db.pool"` {
		t.Errorf("err = %v", err)
	}
}

// TestSetRuleRoundTrip checks that what SetRule writes, Parse reads as the
// rule in force.
func TestSetRuleRoundTrip(t *testing.T) {
	src := []byte(editSrc)
	for _, r := range []Rule{
		{Pattern: "db", Level: zapcore.ErrorLevel},
		{Pattern: "saas.client", Level: zapcore.InfoLevel},
		{Pattern: "new.one", Level: zapcore.DebugLevel},
		{Pattern: "*", Level: zapcore.WarnLevel},
	} {
		var err error
		if src, err = SetRule("components", src, r); err != nil {
			t.Fatal(err)
		}
		rules, err := Parse("components", src)
		if err != nil {
			t.Fatal(err)
		}
		var last Rule
		for _, got := range rules {
			if got.Pattern == r.Pattern {
				last = got
			}
		}
		if last.Level != r.Level {
			t.Errorf("after setting %v, the rule in force is %v", r, last)
		}
	}
}

func FuzzEdit(f *testing.F) {
	f.Add(editSrc, "db", true)
	f.Add("a\r\nb # c\r\n\uFEFF", "b", false)
	f.Add("\uFEFF  x.*.y=warn\t# z", "x.*.y", true)
	f.Fuzz(func(t *testing.T, src, pattern string, set bool) {
		before, err := Parse("f", []byte(src))
		if err != nil {
			if _, err2 := SetRule("f", []byte(src), Rule{Pattern: "db"}); err2 == nil {
				t.Fatal("SetRule edited a file that does not parse")
			}
			return
		}
		var out []byte
		if set {
			out, err = SetRule("f", []byte(src), Rule{Pattern: pattern, Level: zapcore.WarnLevel})
		} else {
			out, err = RemoveRule("f", []byte(src), pattern)
		}
		if err != nil {
			return
		}
		after, err := Parse("f", out)
		if err != nil {
			t.Fatalf("the edit does not parse: %v\n%q", err, out)
		}
		var kept []string
		for _, r := range before {
			if r.Pattern != pattern {
				kept = append(kept, r.String())
			}
		}
		var got []string
		found := false
		for _, r := range after {
			if r.Pattern != pattern {
				got = append(got, r.String())
			} else {
				found = true
			}
		}
		if strings.Join(kept, "\n") != strings.Join(got, "\n") {
			t.Errorf("other rules changed:\n%q\n%q", kept, got)
		}
		if found != set {
			t.Errorf("set=%v, but the pattern is present=%v in %q", set, found, out)
		}
	})
}
