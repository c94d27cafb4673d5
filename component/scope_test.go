package component

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestWithScopeAddsAndReplaces(t *testing.T) {
	ctx := WithScope(context.Background(), "tenant", "acme")
	ctx = WithScope(ctx, "user", "42")
	inner := WithScope(ctx, "tenant", "globex")
	for _, c := range []struct {
		ctx         context.Context
		key, want   string
		wantPresent bool
	}{
		{ctx, "tenant", "acme", true},
		{ctx, "user", "42", true},
		{inner, "tenant", "globex", true},
		{inner, "user", "42", true},
		{ctx, "request", "", false},
	} {
		got, ok := scopeOf(c.ctx).value(c.key)
		if got != c.want || ok != c.wantPresent {
			t.Errorf("value(%q) = %q, %v; want %q, %v", c.key, got, ok, c.want, c.wantPresent)
		}
	}
	// The outer context is unchanged by the inner one, and holds its
	// attributes once each.
	if n := len(scopeOf(inner).attrs); n != 2 {
		t.Errorf("inner scope holds %d attributes, want 2", n)
	}
	var none context.Context
	if scopeOf(none) != nil || scopeOf(context.Background()) != nil {
		t.Error("a nil or bare context carries a scope")
	}
}

func TestWithScopePanicsOnAnInvalidKey(t *testing.T) {
	for _, key := range []string{"", "Tenant", "a.b", "a b", strings.Repeat("k", MaxScopeKey+1)} {
		func() {
			defer func() {
				p := recover()
				if s, ok := p.(string); !ok || !strings.Contains(s, ScopeKeyRule) {
					t.Errorf("WithScope(%q): panic %v, want a message stating the rule", key, p)
				}
			}()
			WithScope(context.Background(), key, "v")
		}()
	}
	// The longest key is fine.
	WithScope(context.Background(), strings.Repeat("k", MaxScopeKey), "v")
}

// A value from a request never panics: one outside the alphabet, or too
// long, is kept, and no rule can match it.
func TestInvalidScopeValuesAreKeptButNeverMatch(t *testing.T) {
	long := strings.Repeat("a", MaxScopeValue+1)
	for _, v := range []string{"", "acme corp", "acme\n", "ünï", long, "a]b", "a,b=c"} {
		ctx := WithScope(context.Background(), "tenant", v)
		if got, _ := scopeOf(ctx).value("tenant"); got != v {
			t.Errorf("value %q kept as %q", v, got)
		}
		if err := CheckScopeValue(v); err == nil || !errors.Is(err, ErrInvalidScope) {
			t.Errorf("CheckScopeValue(%q) = %v, want an ErrInvalidScope", v, err)
		}
		// The closest rule a file can hold.
		if c, err := ParseCondition("tenant=" + strings.Repeat("a", MaxScopeValue)); err != nil || c.holds(scopeOf(ctx)) {
			t.Errorf("value %q: condition holds or does not parse: %v", v, err)
		}
	}
	if err := CheckScopeValue("ops@example.com"); err != nil {
		t.Error(err)
	}
	if err := CheckScopeValue("2001:db8::1"); err != nil {
		t.Error(err)
	}
}

func TestParseConditionErrorsAtTheirOffset(t *testing.T) {
	long := strings.Repeat("v", MaxScopeValue+1)
	for _, c := range []struct {
		text string
		off  int
		msg  string
	}{
		{"", 0, "empty condition"},
		{",", 0, "empty key=value pair"},
		{"tenant=acme,", 12, "empty key=value pair"},
		{"tenant=acme,,user=1", 12, "empty key=value pair"},
		{"=acme", 0, "expected a scope key before '='"},
		{"tenant", 6, "expected '=' and a value after the key tenant, as in tenant=acme"},
		{"Ten", 0, "invalid character 'T' in a scope key"},
		{"tenant=", 7, "expected a value after tenant="},
		{"Tenant=acme", 0, "invalid character 'T' in a scope key"},
		{"ten.ant=acme", 3, "invalid character '.' in a scope key"},
		{"tenant=ac me", 9, "invalid character ' ' in a scope value"},
		{"tenant=a=b", 8, "invalid character '=' in a scope value"},
		{"tenant=" + long, 7 + MaxScopeValue, "scope value of 257 bytes"},
		{strings.Repeat("k", MaxScopeKey+1) + "=v", MaxScopeKey, "scope key of 65 bytes"},
		{"tenant=acme,user=1,tenant=globex", 19, "a second tenant= in one condition"},
		{"a=1,b=1,c=1,d=1,e=1,f=1,g=1,h=1,i=1", 32, "more than 8 key=value pairs"},
	} {
		_, err := ParseCondition(c.text)
		var ce *ConditionError
		if !errors.As(err, &ce) || ce.Offset != c.off || !strings.Contains(ce.Msg, c.msg) {
			t.Errorf("ParseCondition(%.40q) = %v, want offset %d and %q", c.text, err, c.off, c.msg)
		}
	}
	c, err := ParseCondition("user=ops@example.com,tenant=acme")
	if err != nil || c.String() != "user=ops@example.com,tenant=acme" {
		t.Fatalf("ParseCondition = %v, %v", c, err)
	}
	ctx := WithScope(WithScope(WithScope(context.Background(), "tenant", "acme"), "request", "7f"), "user", "ops@example.com")
	if !c.holds(scopeOf(ctx)) {
		t.Error("the condition does not hold for a scope that has both pairs, and more")
	}
	if c.holds(scopeOf(WithScope(ctx, "tenant", "globex"))) {
		t.Error("the condition holds with a pair of another value")
	}
	if c.holds(scopeOf(WithScope(context.Background(), "tenant", "acme"))) {
		t.Error("the condition holds with a pair missing")
	}
}

// The bloom of a scope only ever refuses: a value whose bits collide with
// the condition's is still compared, and refused.
func TestBloomCollisionsDoNotMatch(t *testing.T) {
	c := cond(t, "tenant=acme")
	for i := range 1 << 20 {
		v := "t" + strconv.Itoa(i)
		if bloomBits(pairHash("tenant", v)) != bloomBits(pairHash("tenant", "acme")) {
			continue
		}
		s := scopeOf(WithScope(context.Background(), "tenant", v))
		if s.bloom&c.bloom != c.bloom {
			t.Fatal("the blooms of equal bits differ")
		}
		if c.holds(s) {
			t.Fatalf("tenant=%s matches tenant=acme", v)
		}
		return
	}
	t.Fatal("no collision found to test with")
}

// value returns the value of key, and whether the scope has it.
func (s *scope) value(key string) (string, bool) {
	for i := range s.attrs {
		if s.attrs[i].key == key {
			return s.attrs[i].value, true
		}
	}
	return "", false
}
