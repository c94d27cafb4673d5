package component

import (
	"fmt"
	"strings"
)

// MaxConditionPairs is the most key=value pairs a condition holds.
const MaxConditionPairs = 8

// Condition is what a scoped rule asks of the scope a context carries:
// key=value pairs joined by ',', such as "tenant=acme,user=42", which must
// all hold. Keys follow [ScopeKeyRule], values [ScopeValueRule], and a key
// appears once. A Condition is immutable and safe for concurrent use.
type Condition struct {
	text  string
	attrs []scopeAttr
	bloom uint64 // the bloomBits of attrs
}

// ConditionError reports a malformed condition, at a byte offset of its
// text, so that a caller can give the column in its own input.
type ConditionError struct {
	Offset int    // 0-based, in the condition's text
	Msg    string // what was expected, or what is wrong
}

func (e *ConditionError) Error() string {
	return fmt.Sprintf("condition: offset %d: %s", e.Offset, e.Msg)
}

// ParseCondition parses the text of a condition, as written between the
// brackets of a rule: "tenant=acme" or "tenant=acme,user=42". The error of
// a malformed one is a *ConditionError.
func ParseCondition(text string) (*Condition, error) {
	if text == "" {
		return nil, &ConditionError{0, "empty condition: expected key=value pairs joined by ',', such as tenant=acme"}
	}
	c := &Condition{text: text}
	off := 0
	for {
		pair, rest, more := strings.Cut(text[off:], ",")
		a, err := parsePair(pair, off)
		if err != nil {
			return nil, err
		}
		for _, b := range c.attrs {
			if b.key == a.key {
				return nil, &ConditionError{off, fmt.Sprintf("a second %s= in one condition: each key holds one value", a.key)}
			}
		}
		if len(c.attrs) == MaxConditionPairs {
			return nil, &ConditionError{off, fmt.Sprintf("more than %d key=value pairs in one condition", MaxConditionPairs)}
		}
		c.attrs = append(c.attrs, a)
		c.bloom |= bloomBits(a.hash)
		if !more {
			return c, nil
		}
		off = len(text) - len(rest)
	}
}

// parsePair parses one key=value pair, which starts at offset off of the
// condition.
func parsePair(pair string, off int) (scopeAttr, *ConditionError) {
	if pair == "" {
		return scopeAttr{}, &ConditionError{off, "empty key=value pair: expected pairs such as tenant=acme joined by ','"}
	}
	key, value, ok := strings.Cut(pair, "=")
	if key == "" {
		return scopeAttr{}, &ConditionError{off, "expected a scope key before '='; " + ScopeKeyRule}
	}
	if err := checkPart("key", key, off, MaxScopeKey, IsNameByte, ScopeKeyRule); err != nil {
		return scopeAttr{}, err
	}
	if !ok {
		return scopeAttr{}, &ConditionError{off + len(pair), fmt.Sprintf("expected '=' and a value after the key %s, as in %s=acme", key, key)}
	}
	voff := off + len(key) + 1
	if value == "" {
		return scopeAttr{}, &ConditionError{voff, fmt.Sprintf("expected a value after %s=; %s", key, ScopeValueRule)}
	}
	if err := checkPart("value", value, voff, MaxScopeValue, isScopeValueByte, ScopeValueRule); err != nil {
		return scopeAttr{}, err
	}
	return newAttr(key, value), nil
}

// checkPart checks a key or a value of a condition, which starts at offset
// off.
func checkPart(what, s string, off, limit int, ok func(byte) bool, rule string) *ConditionError {
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return &ConditionError{off + i, fmt.Sprintf("invalid character %q in a scope %s; %s", s[i], what, rule)}
		}
	}
	if len(s) > limit {
		return &ConditionError{off + limit, fmt.Sprintf("scope %s of %d bytes; %s", what, len(s), rule)}
	}
	return nil
}

// String returns the condition as it was written: "tenant=acme". An entry
// that a scoped rule lets through carries it as its field "scope".
func (c *Condition) String() string { return c.text }

// holds reports whether every pair of c is in s.
func (c *Condition) holds(s *scope) bool {
	return c.bloom&^s.bloom == 0 && c.in(s)
}

// in is holds once the blooms agree.
func (c *Condition) in(s *scope) bool {
	for i := range c.attrs {
		if !s.has(&c.attrs[i]) {
			return false
		}
	}
	return true
}
