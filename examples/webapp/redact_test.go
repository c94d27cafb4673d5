package main

import (
	"net/http"
	"strings"
	"testing"

	"go.uber.org/zap/zapcore"
)

func TestRedact(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "(empty)"},
		{"tok_0123456789abcdef0123456789abcdef", "tok_…(redacted, 36 bytes)"},
		{"sess_0123456789ab", "sess_…(redacted, 17 bytes)"},
		// No kind prefix: nothing of the secret is shown.
		{"0123456789abcdef", "…(redacted, 16 bytes)"},
		{"Tok_abc", "…(redacted, 7 bytes)"},      // not lowercase
		{"toolong_abc", "…(redacted, 11 bytes)"}, // more than five letters
		{"_abc", "…(redacted, 4 bytes)"},
		{"abc_", "…(redacted, 4 bytes)"}, // the prefix would be all of it
		{"x", "…(redacted, 1 bytes)"},
	} {
		if got := redact(tc.in); got != tc.want {
			t.Errorf("redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRedactNeverShowsTheSecret(t *testing.T) {
	for range 100 {
		for _, secret := range []string{"tok_" + randomHex(16), "sess_" + randomHex(12), randomHex(20)} {
			body := strings.TrimPrefix(secret, kindPrefix(secret))
			if got := redact(secret); strings.Contains(got, body[:8]) {
				t.Fatalf("redact(%q) = %q shows part of the secret", secret, got)
			}
		}
	}
}

func TestRedactCookie(t *testing.T) {
	got := redactCookie(&http.Cookie{Name: "saas_affinity", Value: "sess_0123456789abcdef01234567"})
	if want := "saas_affinity=sess_…(redacted, 29 bytes)"; got != want {
		t.Errorf("redactCookie = %q, want %q", got, want)
	}
}

func TestHeadersRedactsCredentials(t *testing.T) {
	h := http.Header{}
	h.Set("Authorization", "Bearer tok_0123456789abcdef")
	h.Set("Cookie", "saas_affinity=sess_0123456789; theme=dark")
	h.Set("X-Api-Key", "k3y")
	h.Set("Accept", "application/json")
	enc := zapcore.NewMapObjectEncoder()
	if err := enc.AddObject("h", headers(h)); err != nil {
		t.Fatal(err)
	}
	got := enc.Fields["h"].(map[string]any)
	want := map[string]any{
		"Accept":        "application/json",
		"Authorization": "Bearer tok_…(redacted, 20 bytes)",
		"Cookie":        "saas_…(redacted, 41 bytes)",
		"X-Api-Key":     "…(redacted, 3 bytes)",
	}
	if len(got) != len(want) {
		t.Fatalf("headers = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("header %s = %q, want %q", k, got[k], v)
		}
	}
}
