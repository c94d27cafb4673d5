package component

import "strings"

// scan returns s with the credentials found in it fingerprinted, and
// whether it found any, if the Redactor scans values ([RedactConfig] Values):
// a bearer credential, "Bearer <token>" in any case, keeps its scheme and
// loses its token; a JSON Web Token, three base64url parts of which the
// first starts with "eyJ" (a JSON object's first bytes), is replaced
// whole.
//
// The search is two calls to strings.Index, fast on strings with neither,
// and a walk of the candidates: no regular expression.
func (r *Redactor) scan(s string) (string, bool) {
	if !r.values || len(s) < 8 {
		return s, false
	}
	var b strings.Builder
	done := 0 // s[:done] is in b
	for i := 0; i < len(s); {
		start, end := nextCredential(s, i)
		if start < 0 {
			break
		}
		if done == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[done:start])
		b.WriteString(r.fp.of(s[start:end]))
		done, i = end, end
	}
	if done == 0 {
		return s, false
	}
	b.WriteString(s[done:])
	return b.String(), true
}

// nextCredential returns the bounds of the first credential in s at or
// after from: the token of a bearer credential, or a whole JWT. start is
// -1 if there is none.
func nextCredential(s string, from int) (start, end int) {
	for from < len(s) {
		j := indexJWT(s, from)
		b := indexBearer(s, from)
		switch {
		case j < 0 && b < 0:
			return -1, -1
		case b >= 0 && (j < 0 || b < j):
			tok := b + len("bearer ")
			n := token68(s[tok:])
			if n == 0 {
				from = tok
				continue
			}
			return tok, tok + n
		default:
			if n := jwtLen(s[j:]); n > 0 {
				return j, j + n
			}
			from = j + len("eyJ")
		}
	}
	return -1, -1
}

// indexBearer returns the index of the first "bearer " in s at or after
// from, in any case, that starts a word, or -1.
func indexBearer(s string, from int) int {
	for from < len(s) {
		i := strings.Index(s[from:], "earer ")
		if i < 0 {
			return -1
		}
		i += from
		if i > 0 && lower(s[i-1]) == 'b' && (i == 1 || !isBase64URL(s[i-2])) {
			if strings.EqualFold(s[i-1:i+len("earer")], "bearer") {
				return i - 1
			}
		}
		from = i + len("earer ")
	}
	return -1
}

// indexJWT returns the index of the first "eyJ" in s at or after from that
// starts a word, or -1.
func indexJWT(s string, from int) int {
	for from < len(s) {
		i := strings.Index(s[from:], "eyJ")
		if i < 0 {
			return -1
		}
		i += from
		if i == 0 || !isBase64URL(s[i-1]) {
			return i
		}
		from = i + len("eyJ")
	}
	return -1
}

// jwtLen returns the length of the JWT at the start of s,
// header.payload.signature in base64url, or 0. The signature may be empty
// (an unsecured JWT), the other parts may not.
func jwtLen(s string) int {
	n := 0
	for part := range 3 {
		k := 0
		for n+k < len(s) && isBase64URL(s[n+k]) {
			k++
		}
		if k == 0 && part < 2 {
			return 0
		}
		n += k
		if part < 2 {
			if n >= len(s) || s[n] != '.' {
				return 0
			}
			n++
		}
	}
	if n < len("eyJ.e.") {
		return 0
	}
	return n
}

// token68 returns the length of the token68 (RFC 9110) at the start of s:
// what a bearer credential is.
func token68(s string) int {
	n := 0
	for n < len(s) && (isBase64URL(s[n]) || strings.IndexByte(".~+/", s[n]) >= 0) {
		n++
	}
	for n < len(s) && s[n] == '=' {
		n++
	}
	return n
}

func isBase64URL(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}
