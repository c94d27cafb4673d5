package component

import (
	"context"
	"errors"
	"fmt"
)

// The bounds of a scope attribute.
const (
	// MaxScopeKey is the longest scope key, in bytes.
	MaxScopeKey = 64
	// MaxScopeValue is the longest scope value a rule can match, in bytes.
	MaxScopeValue = 256
)

// ScopeKeyRule and ScopeValueRule state the rules for scope keys and
// values, for messages that must explain a refusal.
const (
	ScopeKeyRule   = "a scope key is 1 to 64 bytes of [a-z0-9_-]"
	ScopeValueRule = "a scope value is 1 to 256 bytes of [A-Za-z0-9._:@/+-]"
)

// ErrInvalidScope is wrapped by the errors of [CheckScopeKey] and
// [CheckScopeValue].
var ErrInvalidScope = errors.New("component: invalid scope")

// scopeKey is the one context key under which every scope attribute lives,
// so that finding them costs one ctx.Value walk however many there are.
type scopeKey struct{}

// scope is the value under scopeKey: what a context carries for the level
// decision of the loggers bound to it (see Logger.Ctx). It is immutable:
// WithScope makes a new one.
//
// It is the one place for per-request state that a level decision
// consults, so that one ctx.Value walk finds all of it: the attributes, a
// grant (see WithGrant) and a request's recorder (see RecorderPool.Start),
// consulted by Level.decide, the one function that decides for a bound
// logger.
type scope struct {
	attrs []scopeAttr
	grant *grant
	rec   *RequestRecorder
	// bloom has the bits of every pair (see bloomBits), so that a rule
	// whose condition names a pair the scope lacks is refused without
	// comparing strings: the common case of a rule for another tenant.
	bloom uint64
	// inline holds the first attributes, so that a scope of up to four
	// costs one allocation.
	inline [4]scopeAttr
}

// scopeAttr is one key=value pair, of a scope or of a condition, with the
// hash of the pair (see pairHash): comparing hashes first spares most
// string comparisons.
type scopeAttr struct {
	key, value string
	hash       uint64
}

func newAttr(key, value string) scopeAttr {
	return scopeAttr{key: key, value: value, hash: pairHash(key, value)}
}

// WithScope returns a copy of ctx that carries one more scope attribute,
// key=value; a later call with the same key replaces the value. The
// loggers bound to the context by [Logger.Ctx], and the context calls of
// [Logger.Slog], consult the attributes: a scoped rule such as
// saas.client[tenant=acme]=debug applies to the calls whose context
// carries tenant=acme.
//
// A program adds attributes where it learns them: tenant and user in its
// authentication middleware, request and ip per request, anything else it
// likes.
//
// key follows [ScopeKeyRule]. Keys are constants in code, so WithScope
// panics on an invalid key, as [New] does on an invalid name. Values come
// from requests, and a request must never crash the server: a value that
// breaks [ScopeValueRule] is kept, but no rule can ever match it (a rule's
// values follow the rule), and it is never printed. Scope by ids, e-mail
// addresses, addresses and trace ids rather than display names.
//
// WithScope costs a copy of the attributes already there, and one
// allocation for up to four of them: call it once per attribute per
// request, not per log call.
func WithScope(ctx context.Context, key, value string) context.Context {
	if err := CheckScopeKey(key); err != nil {
		panic(err.Error())
	}
	return context.WithValue(ctx, scopeKey{}, withAttr(scopeOf(ctx), key, value))
}

// withAttr returns a copy of p, which may be nil, with key=value.
func withAttr(p *scope, key, value string) *scope {
	s := new(scope)
	var old []scopeAttr
	if p != nil {
		old, s.grant, s.rec = p.attrs, p.grant, p.rec
	}
	s.attrs = s.inline[:0]
	replaced := false
	for _, a := range old {
		if a.key == key {
			a, replaced = newAttr(key, value), true
		}
		s.attrs = append(s.attrs, a)
	}
	if !replaced {
		s.attrs = append(s.attrs, newAttr(key, value))
	}
	for _, a := range s.attrs {
		s.bloom |= bloomBits(a.hash)
	}
	return s
}

// scopeOf returns the scope ctx carries, or nil; a nil ctx carries none.
func scopeOf(ctx context.Context) *scope {
	if ctx == nil {
		return nil
	}
	s, _ := ctx.Value(scopeKey{}).(*scope)
	return s
}

// has reports whether the scope holds the pair p.
func (s *scope) has(p *scopeAttr) bool {
	for i := range s.attrs {
		a := &s.attrs[i]
		if a.hash == p.hash && a.key == p.key && a.value == p.value {
			return true
		}
	}
	return false
}

// CheckScopeKey reports whether key is a valid scope key (see
// [ScopeKeyRule]). The error wraps [ErrInvalidScope] and says what breaks
// the rule, and where.
func CheckScopeKey(key string) error {
	return checkScope("key", key, MaxScopeKey, IsNameByte, ScopeKeyRule)
}

// CheckScopeValue reports whether value is a scope value that a rule can
// match (see [ScopeValueRule]). The error wraps [ErrInvalidScope] and says
// what breaks the rule, and where.
func CheckScopeValue(value string) error {
	return checkScope("value", value, MaxScopeValue, isScopeValueByte, ScopeValueRule)
}

// isScopeValueByte reports whether c may appear in a scope value that a
// rule can match.
func isScopeValueByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '.' || c == '_' || c == ':' || c == '@' || c == '/' || c == '+' || c == '-'
}

func checkScope(what, s string, limit int, ok func(byte) bool, rule string) error {
	switch {
	case s == "":
		return fmt.Errorf("%w %s: empty; %s", ErrInvalidScope, what, rule)
	case len(s) > limit:
		return fmt.Errorf("%w %s of %d bytes; %s", ErrInvalidScope, what, len(s), rule)
	}
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return fmt.Errorf("%w %s %q: character %q at offset %d; %s", ErrInvalidScope, what, s, s[i], i, rule)
		}
	}
	return nil
}

// pairHash returns the hash of the pair key=value: FNV-1a, 64 bits, over
// key '=' value.
func pairHash(key, value string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(key); i++ {
		h = (h ^ uint64(key[i])) * prime
	}
	h = (h ^ '=') * prime
	for i := 0; i < len(value); i++ {
		h = (h ^ uint64(value[i])) * prime
	}
	return h
}

// bloomBits returns the two bits of a pair, by its hash, in a scope's or a
// condition's bloom: a condition can hold only if its bits are all in the
// scope's. Two bits of 64 per pair keep false positives rare for the few
// pairs a scope holds (about 1 in 100 with four), and each costs a
// comparison of hashes, not a wrong answer.
func bloomBits(h uint64) uint64 {
	return 1<<(h&63) | 1<<(h>>6&63)
}
