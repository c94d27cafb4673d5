package termsafe

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"saas.client", "saas.client"},
		{`C:\etc\app`, `C:\etc\app`},
		{"é ü 日本", "é ü 日本"},
		{"\x1b]0;pwned\a", `\x1b]0;pwned\a`},
		{"dir\x1b[2J\nFAKE: all good", `dir\x1b[2J\nFAKE: all good`},
		{"a\tb\r\x00\x7f", `a\tb\r\x00\x7f`},
		{"csi\u009b31m", `csi\u009b31m`},
		{"\xff\xfeab", `\xff\xfeab`},
		{"ok\xc3", `ok\xc3`},
		{"abc\u202etxt.exe", `abc\u202etxt.exe`},
		{"line\u2028sep", `line\u2028sep`},
		{"\ufffd", `\ufffd`},
	} {
		if got := Escape(tc.in); got != tc.want {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzEscape: whatever comes in, what goes out is valid UTF-8 with no
// character a terminal acts on, and plain text passes unchanged.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"db", "\x1b[31m", "\xff", "a\u202eb", "\u0085"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Escape(s)
		if strings.IndexFunc(got, unsafe) >= 0 || !utf8.ValidString(got) {
			t.Fatalf("Escape(%q) = %q", s, got)
		}
		if strings.IndexFunc(s, unsafe) < 0 && utf8.ValidString(s) && got != s {
			t.Fatalf("Escape(%q) = %q: plain text changed", s, got)
		}
	})
}

func TestClip(t *testing.T) {
	if got := Clip("short", 10); got != "short" {
		t.Errorf("Clip = %q", got)
	}
	if got, want := Clip(strings.Repeat("x", 20), 8), "xxxxxxxx… [cut at 8 bytes]"; got != want {
		t.Errorf("Clip = %q, want %q", got, want)
	}
	// At a rune boundary: "é" is two bytes.
	if got, want := Clip("aé"+strings.Repeat("x", 10), 2), "a… [cut at 2 bytes]"; got != want {
		t.Errorf("Clip = %q, want %q", got, want)
	}
}

func TestEscapeJSON(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"name":"db"}`, `{"name":"db"}`},
		{"{\"name\":\"a\x7fb\u009bc\u202ed\"}", `{"name":"a\u007fb\u009bc\u202ed"}`},
		{"{\"name\":\"\xff\"}", `{"name":"\ufffd"}`},
	} {
		got := EscapeJSON([]byte(tc.in))
		if string(got) != tc.want {
			t.Errorf("EscapeJSON(%q) = %q, want %q", tc.in, got, tc.want)
			continue
		}
		// JSON reads the same text back, but for invalid UTF-8, which
		// encoding/json would have replaced already.
		var a, b map[string]string
		if json.Unmarshal([]byte(tc.in), &a) != nil || json.Unmarshal(got, &b) != nil || a["name"] != b["name"] {
			t.Errorf("EscapeJSON(%q) reads back as %q, want %q", tc.in, b["name"], a["name"])
		}
	}
}
