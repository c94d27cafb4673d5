package main

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"go.uber.org/zap/zapcore"
)

// redact stands in for a secret in a log line. It keeps what helps a
// diagnosis, the secret's kind prefix (such as "tok_") and its length, and
// nothing of the secret itself: an empty token and a truncated one look
// different, a real token never appears.
func redact(secret string) string {
	if secret == "" {
		return "(empty)"
	}
	return fmt.Sprintf("%s…(redacted, %d bytes)", kindPrefix(secret), len(secret))
}

// kindPrefix returns the "tok_" of "tok_3f9a…": up to five lowercase
// letters and an underscore, the way many APIs mark the kind of a key. A
// secret without such a prefix gives "", so that no random byte is shown.
func kindPrefix(s string) string {
	i := strings.IndexByte(s, '_')
	if i < 1 || i > 5 || i+1 == len(s) {
		return ""
	}
	for _, c := range s[:i] {
		if c < 'a' || c > 'z' {
			return ""
		}
	}
	return s[:i+1]
}

// redactCookie shows a cookie as "name=" and its redacted value.
func redactCookie(c *http.Cookie) string {
	return c.Name + "=" + redact(c.Value)
}

// sensitiveHeaders are the headers whose values are credentials.
var sensitiveHeaders = []string{"Authorization", "Cookie", "Proxy-Authorization", "Set-Cookie", "X-Api-Key"}

// headers logs an http.Header as an object with one field per header,
// sorted, with the values of credentials redacted.
type headers http.Header

// MarshalLogObject implements zapcore.ObjectMarshaler.
func (h headers) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := strings.Join(h[k], ", ")
		if slices.Contains(sensitiveHeaders, http.CanonicalHeaderKey(k)) {
			v = redactHeader(v)
		}
		enc.AddString(k, v)
	}
	return nil
}

// redactHeader keeps an Authorization scheme ("Bearer") in sight, since a
// wrong scheme is a common fault; the credential itself is redacted.
func redactHeader(v string) string {
	if scheme, cred, ok := strings.Cut(v, " "); ok && !strings.Contains(scheme, "=") {
		return scheme + " " + redact(cred)
	}
	return redact(v)
}
