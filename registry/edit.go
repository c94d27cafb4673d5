package registry

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrNoRule is returned, wrapped, by [RemoveRule] when no line of the file
// has a rule with the pattern to remove.
var ErrNoRule = errors.New("registry: no rule with this pattern")

// SetRule returns the components file src, named file in errors, with the
// rule r in force: the last line whose rule has r's pattern, the one in
// force among lines of equal pattern, gets r.String() in place of its rule
// and options, keeping its indentation and comment; if no line has that
// pattern, r.String() is appended as a new line. Every other byte of src is
// kept, comments, blank lines and line endings included.
//
// SetRule refuses to edit a src that does not parse, returning Parse's
// *SyntaxError, and a rule that does not parse back from r.String(), such
// as one with an invalid pattern: whatever it returns parses. File and Line
// of r are ignored.
//
// With [RemoveRule], it lets a program or a tool change one rule of a file
// that people also edit by hand; the scopelog command uses both.
func SetRule(file string, src []byte, r Rule) ([]byte, error) {
	text := r.String()
	if got, ok, err := parseLine(text, time.Now); err != nil || !ok || got.String() != text {
		msg := "it does not read back as the same rule"
		if err != nil {
			msg = fmt.Sprintf("column %d: %s", err.Col, err.Msg)
		}
		return nil, fmt.Errorf("registry: invalid rule %s: %s", quote(text), msg)
	}
	lines, err := scanRules(file, src)
	if err != nil {
		return nil, err
	}
	var out []byte
	if i := lastRule(lines, r.Pattern); i >= 0 {
		l := lines[i]
		out = make([]byte, 0, len(src)+len(text))
		out = append(out, src[:l.rule]...)
		out = append(out, text...)
		out = append(out, src[l.ruleEnd:]...)
	} else {
		nl := newline(src)
		out = make([]byte, 0, len(src)+len(text)+2*len(nl))
		out = append(out, src...)
		if len(out) > 0 && out[len(out)-1] != '\n' {
			out = append(out, nl...)
		}
		out = append(out, text...)
		out = append(out, nl...)
	}
	if err := check(file, out); err != nil {
		return nil, err
	}
	return out, nil
}

// RemoveRule returns the components file src, named file in errors, with
// every line whose rule has the given pattern removed, comment included.
// Every other byte of src is kept. It returns an error wrapping [ErrNoRule]
// if there is no such line, and Parse's *SyntaxError if src does not parse.
func RemoveRule(file string, src []byte, pattern string) ([]byte, error) {
	lines, err := scanRules(file, src)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(src))
	last, removed := 0, 0
	for _, l := range lines {
		if l.pattern != pattern {
			continue
		}
		out = append(out, src[last:l.start]...)
		last = l.end
		removed++
	}
	if removed == 0 {
		return nil, fmt.Errorf("%s: %w: %s", file, ErrNoRule, quote(pattern))
	}
	out = append(out, src[last:]...)
	if err := check(file, out); err != nil {
		return nil, err
	}
	return out, nil
}

// ruleLine locates a rule in a file, as byte offsets of src.
type ruleLine struct {
	pattern       string
	start, end    int // the whole line, its line ending included
	rule, ruleEnd int // the rule and its options, without indentation or comment
}

// scanRules parses src and returns where each rule is. It returns Parse's
// error if src does not parse.
func scanRules(file string, src []byte) ([]ruleLine, error) {
	rules, err := Parse(file, src)
	if err != nil {
		return nil, err
	}
	var out []ruleLine
	start := 0
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		start = len("\uFEFF")
	}
	for n := 1; start < len(src); n++ {
		end := len(src)
		if i := bytes.IndexByte(src[start:], '\n'); i >= 0 {
			end = start + i + 1
		}
		line := string(src[start:end])
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if first, pos, ok := nextToken(line, 0); ok {
			last := pos // after the rule's last option
			for {
				var more bool
				if _, pos, more = nextToken(line, pos); !more {
					break
				}
				last = pos
			}
			out = append(out, ruleLine{
				start: start, end: end,
				rule:    start + first.col - 1,
				ruleEnd: start + last,
			})
		}
		start = end
	}
	// Parse has read the same lines, and found a rule on the same ones.
	if len(out) != len(rules) {
		return nil, fmt.Errorf("registry: %s: internal error: %d rules located, %d parsed", file, len(out), len(rules))
	}
	for i := range out {
		out[i].pattern = rules[i].Pattern
	}
	return out, nil
}

func lastRule(lines []ruleLine, pattern string) int {
	for i := len(lines) - 1; i >= 0; i-- {
		if lines[i].pattern == pattern {
			return i
		}
	}
	return -1
}

// newline returns the line ending src uses: that of its first line, or
// "\n".
func newline(src []byte) string {
	if i := bytes.IndexByte(src, '\n'); i > 0 && src[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// check parses an edited file: an edit must never produce a file that the
// registry would refuse.
func check(file string, src []byte) error {
	if len(src) > MaxFileSize {
		return fmt.Errorf("%s: %w after the edit: %d bytes", file, ErrTooLarge, len(src))
	}
	if _, err := Parse(file, src); err != nil {
		return fmt.Errorf("registry: %s: internal error: the edit does not parse: %w", file, err)
	}
	return nil
}
