// Package termsafe makes text from outside the program safe to print on an
// operator's terminal: a server's answer, a file path, a component name read
// from a process. Such text may carry escape sequences that set the
// terminal's title, clear the screen or forge a line of output; printed
// through Escape, it shows them as Go escapes instead, on one line. Clip
// bounds how much of it is printed.
//
// The functions are pure, and safe for concurrent use.
package termsafe

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Escape returns s with every character that could act on a terminal or
// break a line written as Go escapes: control characters (C0, DEL and C1,
// tab and newline included) as \x1b, \n, \u009b; invalid UTF-8 as \xff;
// and the characters that reorder or hide text (bidirectional controls,
// line and paragraph separators) as \u202e. Everything else, backslashes
// included, is kept, so that a plain name or path reads as it is.
func Escape(s string) string {
	// Invalid UTF-8 reads as utf8.RuneError, which unsafe reports.
	i := strings.IndexFunc(s, unsafe)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case unsafe(r):
			q := strconv.QuoteRuneToASCII(r) // '\x1b', '\n', '\u202e'
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func unsafe(r rune) bool {
	if r < 0x20 || r >= 0x7f && r <= 0x9f || r == utf8.RuneError {
		return true
	}
	return r > 0x9f && (unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029')
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}

// Clip returns s cut to at most max bytes, at a rune boundary, followed by a
// note when it was cut: "… [cut at 4096 bytes]". It does not escape: call
// Escape on the result.
func Clip(s string, max int) string {
	if len(s) <= max {
		return s
	}
	n := max
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "… [cut at " + strconv.Itoa(max) + " bytes]"
}

// EscapeJSON returns the JSON text b with every character that Escape would
// escape and encoding/json leaves as it is (DEL, C1 controls, bidirectional
// controls, invalid UTF-8) written as a \u escape, which JSON reads back as
// the same character. Such characters can stand only inside strings, where
// the escape is valid; b is JSON as encoding/json writes it.
func EscapeJSON(b []byte) []byte {
	if !strings.ContainsFunc(string(b), unsafe) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		// C0 controls are escaped by encoding/json already. An invalid byte
		// reads as utf8.RuneError, written as \ufffd: JSON has no escape for
		// a byte.
		if unsafe(r) && r >= 0x20 {
			out = append(out, `\u`...)
			out = append(out, hex2(byte(r>>8))...)
			out = append(out, hex2(byte(r))...)
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}
