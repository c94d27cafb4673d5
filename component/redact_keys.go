package component

import "slices"

// defaultRedactKeys are the keys whose values are redacted unless the
// Redactor is built with NoDefaults: the names under which credentials
// travel in HTTP headers, OAuth responses, forms and configuration.
var defaultRedactKeys = []string{
	"authorization", "proxy-authorization", "cookie", "set-cookie",
	"password", "passwd", "secret", "client_secret",
	"token", "access_token", "refresh_token", "id_token",
	"api_key", "apikey", "x-api-key", "private_key",
	"session", "session_id",
}

// authKeys are the keys whose values are HTTP credentials, "<scheme>
// <credentials>": the scheme stays visible, since a wrong one is a common
// fault, and only the credentials are fingerprinted.
var authKeys = []string{"authorization", "proxy-authorization"}

// DefaultRedactKeys returns the keys redacted by default, lowercase; the
// match is on the whole key, in any case.
func DefaultRedactKeys() []string {
	return slices.Clone(defaultRedactKeys)
}

// match is what a key's match says of its value.
type match uint8

const (
	noMatch    match = iota
	secretKey        // the value is secret
	authHeader       // the value is "<scheme> <credentials>"; the credentials are secret
)

// keySet matches keys, ASCII case-insensitively, against a fixed set. A
// lookup costs a length check, a hash of three bytes and, for keys that
// share a bucket with a secret key, a comparison: a few nanoseconds, no
// allocation, on the path of every enabled call.
type keySet struct {
	minLen, maxLen int
	// lens has bit n set if a key has n bytes, n < 64: most keys a program
	// logs are of a length no secret key has, and stop there.
	lens    uint64
	buckets [keyBuckets][]keyEntry
}

type keyEntry struct {
	key   string // lowercase
	match match
}

const keyBuckets = 64

func newKeySet(keys []string) *keySet {
	s := &keySet{minLen: 1 << 30}
	for _, k := range keys {
		if k == "" {
			continue
		}
		k = lowerASCII(k)
		m := secretKey
		if slices.Contains(authKeys, k) {
			m = authHeader
		}
		b := &s.buckets[bucket(k)]
		if slices.ContainsFunc(*b, func(e keyEntry) bool { return e.key == k }) {
			continue
		}
		*b = append(*b, keyEntry{k, m})
		s.minLen, s.maxLen = min(s.minLen, len(k)), max(s.maxLen, len(k))
		if len(k) < 64 {
			s.lens |= 1 << len(k)
		}
	}
	return s
}

// empty reports whether the set matches no key.
func (s *keySet) empty() bool { return s.maxLen == 0 }

// match returns what key's match says of its value.
func (s *keySet) match(key string) match {
	if len(key) < s.minLen || len(key) > s.maxLen || len(key) < 64 && s.lens&(1<<len(key)) == 0 {
		return noMatch
	}
	for _, e := range s.buckets[bucket(key)] {
		if e.key == key || equalFoldASCII(e.key, key) {
			return e.match
		}
	}
	return noMatch
}

// bucket hashes the length and the first and last bytes of k, folded to
// lowercase, so that a key and its other-case forms share a bucket.
func bucket(k string) int {
	return (len(k)*7 + int(lower(k[0]))*3 + int(lower(k[len(k)-1]))) % keyBuckets
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = lower(c)
	}
	return string(b)
}

// equalFoldASCII reports whether k, which is lowercase, equals s in ASCII
// case.
func equalFoldASCII(k, s string) bool {
	if len(k) != len(s) {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] != lower(s[i]) {
			return false
		}
	}
	return true
}
