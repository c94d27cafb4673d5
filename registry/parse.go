package registry

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/internal/rulevalue"
	"go.uber.org/zap/zapcore"
)

// SyntaxError reports bad input in a components file, at a line and column
// (both 1-based; the column counts bytes).
type SyntaxError struct {
	File string
	Line int
	Col  int
	Msg  string // what was expected, or what is wrong
}

// Error returns "file:line:col: msg", the form editors and terminals can
// jump to.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// Parse reads the rules of a components file. file names the source in
// rules and errors. On bad input it returns no rules and a *SyntaxError for
// the first problem.
//
// The grammar, one rule per line:
//
//	# '#' starts a comment; blank lines are ignored
//	saas.client          # a bare pattern: debug for it and its descendants
//	db=info              # pattern=level, any zap level, case-insensitive
//	http.*.retry=debug   # '*' matches exactly one segment
//	*=warn               # every component no more specific rule covers
//
// Options may follow a rule, after white space, each at most once:
//
//	db=debug until=2026-11-26T15:00:00Z        # in force until that instant
//	saas.client until=2026-11-26T16:00:00+01:00
//	saas.client=info record=200                # keep the last 200 debug entries
//	db=debug limit=100/s                       # at most 100 debug entries a second
//
// A pattern may end with a condition in brackets, which makes the rule
// scoped:
//
//	saas.client[tenant=acme]=debug                     # for tenant acme only
//	*[request=7f3a9c]=debug                            # one request, everywhere
//	db[tenant=acme,user=42]=debug until=2026-12-03T18:00:00Z
//
// A condition is key=value pairs joined by ',', which must all hold: the
// context of a call must carry them (see component.WithScope). Keys are 1
// to 64 bytes of [a-z0-9_-], values 1 to 256 bytes of [A-Za-z0-9._:@/+-],
// each key at most once, at most 8 pairs; no space inside the brackets. A
// file holds at most [MaxScoped] scoped rules.
//
// A scoped rule only ever adds detail. For a call whose context meets the
// condition, made through a logger of component.Logger.Ctx or a slog
// context call, a component writes at the more verbose of its unscoped
// level, set by the rules above and the overrides, and the scoped rule's.
// Every other call is unchanged. Among scoped rules of the same condition
// that cover a component, one wins as among unscoped rules (overrides
// first, then the most specific, then the later line); rules of different
// conditions all apply. An entry written only because of a scoped rule
// carries the field "scope" with the rule's condition as written, such as
// "scope":"tenant=acme".
//
// record=N, from 1 to 10000, makes the components the rule covers record:
// they keep in memory their last N entries below the rule's level and
// write them out before their next error (see component.Level.SetRecord).
// On a scoped rule, they record only the entries of the calls whose
// context meets the condition, in a buffer apart, and write them out with
// the field "scope" (see component.Scoped).
//
// limit=N/s or limit=N/m, N from 1 to 1,000,000, bounds what the rule
// adds: of their entries below the default level (Info unless
// WithDefaultLevel says otherwise), the components the rule covers write
// at most N a second (or a minute), as a token bucket that holds N. What
// the rule does not add, Info and above on an Info component, is never
// limited. The dropped entries are counted, and reported once a second by
// one entry at Warn on each component that dropped some (see
// component.Level.SetLimit). A rule with no limit= takes the registry's
// WithDebugLimit, if any.
//
// until= takes an RFC 3339 time with an offset or Z, and optional fractional
// seconds; Rule.Until holds it in UTC. A relative time (for=, ttl=,
// duration=, expires=) is an error, since a file has no "now": each replica
// would read it at a different moment. Its message gives the absolute
// until= to write instead, computed from the current time.
func Parse(file string, src []byte) ([]Rule, error) {
	return parse(file, src, time.Now)
}

// parse is Parse with the clock that relative-time messages use.
func parse(file string, src []byte, now func() time.Time) ([]Rule, error) {
	// Notepad and PowerShell start UTF-8 files with a byte order mark.
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	// One allocation for the most rules the file can hold, rather than a
	// copy at each growth of a file of half a million rules.
	rules := make([]Rule, 0, bytes.Count(src, []byte("\n"))+1)
	// The rules' patterns share the one copy of the text.
	text := string(src)
	scoped := 0
	for n := 1; len(text) > 0; n++ {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		r, ok, err := parseLine(line, now)
		if err != nil {
			err.File, err.Line = file, n
			return nil, err
		}
		if ok {
			r.File, r.Line = file, n
			rules = append(rules, r)
		}
		if ok && strings.Contains(r.Pattern, "[") {
			if scoped++; scoped > MaxScoped {
				return nil, &SyntaxError{File: file, Line: n, Col: strings.IndexByte(line, '[') + 1,
					Msg: fmt.Sprintf("a scoped rule beyond the %d a file may hold: each costs the calls it covers a check of its condition", MaxScoped)}
			}
		}
	}
	if len(rules) == 0 {
		return nil, nil
	}
	if cap(rules) > 2*len(rules) {
		rules = slices.Clone(rules) // mostly comments: keep only what is used
	}
	return rules, nil
}

// parseLine parses one line; ok is false for a blank or comment line. The
// error lacks File and Line, which the caller knows.
func parseLine(line string, now func() time.Time) (r Rule, ok bool, err *SyntaxError) {
	line = strings.TrimSuffix(line, "\r")
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	t, pos, ok := nextToken(line, 0)
	if !ok {
		return Rule{}, false, nil
	}
	r, err = parseRule(t)
	if err != nil {
		return Rule{}, false, err
	}
	for {
		if t, pos, ok = nextToken(line, pos); !ok {
			return r, true, nil
		}
		if err := parseOption(&r, t, now); err != nil {
			return Rule{}, false, err
		}
	}
}

type token struct {
	text string
	col  int // 1-based
}

// nextToken returns the first token of line at or after the offset from,
// and the offset after it; ok is false when none is left. Tokens are split
// on spaces and tabs; other bytes, including other white space, belong to
// tokens so that the pattern check reports them precisely.
func nextToken(line string, from int) (t token, end int, ok bool) {
	i := from
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i == len(line) {
		return token{}, i, false
	}
	j := i
	for j < len(line) && line[j] != ' ' && line[j] != '\t' {
		j++
	}
	return token{line[i:j], i + 1}, j, true
}

func parseRule(t token) (Rule, *SyntaxError) {
	pattern, level, hasLevel := cutRule(t.text)
	if pattern == "" {
		return Rule{}, &SyntaxError{Col: t.col, Msg: "expected a component name or pattern before '='"}
	}
	if err := checkRulePattern(pattern, t.col); err != nil {
		return Rule{}, err
	}
	r := Rule{Pattern: pattern, Level: zapcore.DebugLevel}
	if !hasLevel {
		return r, nil
	}
	levelCol := t.col + len(pattern) + 1
	if level == "" {
		return Rule{}, &SyntaxError{Col: levelCol, Msg: "expected a level after '=' (" + rulevalue.Levels + "), with no space around '='"}
	}
	lvl, err := rulevalue.ParseLevel(level)
	if err != nil {
		return Rule{}, &SyntaxError{Col: levelCol, Msg: err.Error()}
	}
	r.Level = lvl
	return r, nil
}

// cutRule cuts the rule token text into its pattern, with its condition if
// any, and its level, at the first '=' after the condition: the condition
// holds '=' of its own.
func cutRule(text string) (pattern, level string, hasLevel bool) {
	from := 0
	if i := strings.IndexAny(text, "[="); i >= 0 && text[i] == '[' {
		if j := strings.IndexByte(text[i:], ']'); j >= 0 {
			from = i + j
		} else {
			// No ']': the whole token is the pattern, which
			// checkRulePattern refuses.
			return text, "", false
		}
	}
	i := strings.IndexByte(text[from:], '=')
	if i < 0 {
		return text, "", false
	}
	return text[:from+i], text[from+i+1:], true
}

// checkRulePattern validates the pattern of a rule, which starts at column
// col: a component pattern, and optionally a condition in brackets.
func checkRulePattern(pattern string, col int) *SyntaxError {
	comps, cond, scoped := strings.Cut(pattern, "[")
	if comps == "" && scoped {
		return &SyntaxError{Col: col, Msg: "expected a component name or pattern before '[', such as saas.client[tenant=acme]"}
	}
	if err := checkPattern(comps, col); err != nil {
		return err
	}
	if !scoped {
		return nil
	}
	open := col + len(comps) // the column of '['
	text, after, closed := strings.Cut(cond, "]")
	switch {
	case !closed:
		return &SyntaxError{Col: open, Msg: fmt.Sprintf("missing ']' after the condition %s: write pattern[key=value,...], with no space inside the brackets", quote("["+cond))}
	case strings.HasPrefix(after, "["):
		msg := "a second condition: write every pair in one, joined by ',', as in saas.client[tenant=acme,user=42]"
		return &SyntaxError{Col: open + 1 + len(text) + 1, Msg: msg}
	case after != "":
		msg := "unexpected " + quote(after) + " after the condition's ']': the condition ends the pattern, as in saas.client[tenant=acme]=debug"
		return &SyntaxError{Col: open + 1 + len(text) + 1, Msg: msg}
	}
	if _, err := component.ParseCondition(text); err != nil {
		var ce *component.ConditionError
		if errors.As(err, &ce) {
			return &SyntaxError{Col: open + 1 + ce.Offset, Msg: "condition " + quote("["+text+"]") + ": " + ce.Msg}
		}
		return &SyntaxError{Col: open + 1, Msg: err.Error()}
	}
	return nil
}

// splitPattern returns the component pattern of a valid rule pattern, and
// its condition, "" for an unscoped rule.
func splitPattern(pattern string) (comps, cond string) {
	comps, cond, scoped := strings.Cut(pattern, "[")
	if !scoped {
		return comps, ""
	}
	return comps, strings.TrimSuffix(cond, "]")
}

// checkPattern validates a component pattern, which starts at column col.
func checkPattern(pattern string, col int) *SyntaxError {
	start := 0
	for i := 0; i <= len(pattern); i++ {
		if i < len(pattern) && pattern[i] != '.' {
			continue
		}
		seg := pattern[start:i]
		switch {
		case seg == "":
			return &SyntaxError{Col: col + i, Msg: fmt.Sprintf("empty segment in pattern %s: expected a name segment or '*' between dots", quote(pattern))}
		case seg == "*":
		default:
			for j := 0; j < len(seg); j++ {
				c := seg[j]
				if c == '*' {
					return &SyntaxError{Col: col + start + j, Msg: fmt.Sprintf("'*' in pattern %s must be a whole segment, as in db.*.conn", quote(pattern))}
				}
				if !component.IsNameByte(c) {
					r, _ := utf8.DecodeRuneInString(seg[j:])
					return &SyntaxError{Col: col + start + j, Msg: fmt.Sprintf("invalid character %q in pattern %s: expected segments of [a-z0-9_-] or '*' joined by '.'", r, quote(pattern))}
				}
			}
		}
		start = i + 1
	}
	return nil
}

// parseOption parses the option t into r.
func parseOption(r *Rule, t token, now func() time.Time) *SyntaxError {
	if t.text[0] == '=' {
		return &SyntaxError{Col: t.col, Msg: "unexpected '=': write pattern=level with no space around '='"}
	}
	key, value, isOption := strings.Cut(t.text, "=")
	if !isOption {
		return &SyntaxError{Col: t.col, Msg: fmt.Sprintf("unexpected %s after the rule: expected one rule per line, optionally followed by record=<n>, limit=<n>/s and until=<time>", quote(t.text))}
	}
	switch key {
	case "until":
		if !r.Until.IsZero() {
			return &SyntaxError{Col: t.col, Msg: "a second until= on one line: a rule has one expiry"}
		}
		until, err := parseUntil(value)
		if err != nil {
			return &SyntaxError{Col: t.col, Msg: err.Error()}
		}
		r.Until = until
		return nil
	case "record":
		if r.Record != 0 {
			return &SyntaxError{Col: t.col, Msg: "a second record= on one line: a rule has one recorder"}
		}
		n, err := parseRecord(value)
		if err != nil {
			return &SyntaxError{Col: t.col, Msg: err.Error()}
		}
		r.Record = n
		return nil
	case "limit":
		if r.Limit.N != 0 {
			return &SyntaxError{Col: t.col, Msg: "a second limit= on one line: a rule has one limit"}
		}
		l, err := parseLimit(value, t.col+len("limit="))
		if err != nil {
			return err
		}
		r.Limit = l
		return nil
	case "for", "ttl", "duration", "expires":
		return &SyntaxError{Col: t.col, Msg: relative(key, value, now)}
	}
	return &SyntaxError{Col: t.col, Msg: fmt.Sprintf("unknown option %s: the options are record=<n>, limit=<n>/s and until=<RFC 3339 time>, such as record=200 limit=100/s until=2026-11-26T15:00:00Z", quote(key))}
}

// parseRecord parses the value of record=.
func parseRecord(value string) (int, error) {
	want := fmt.Sprintf("expected a number of entries from 1 to %d after record=, such as record=200", component.MaxRecord)
	n, err := strconv.Atoi(value)
	switch {
	case value == "":
		return 0, errors.New(want)
	case err != nil:
		return 0, fmt.Errorf("invalid number %s: %s", quote(value), want)
	case n < 1 || n > component.MaxRecord:
		return 0, fmt.Errorf("record=%d out of range: %s", n, want)
	}
	return n, nil
}

// parseUntil parses the value of until=, as every front door does, with
// the file's own words for a value that is not a time.
func parseUntil(value string) (time.Time, error) {
	const want = "expected an RFC 3339 time with an offset or Z after until=, such as until=2026-11-26T15:00:00Z"
	t, err := rulevalue.ParseUntil(value)
	switch {
	case err == nil:
		return t, nil
	case value == "":
		return time.Time{}, errors.New(want)
	case errors.Is(err, rulevalue.ErrTimeSyntax):
		return time.Time{}, fmt.Errorf("invalid time %s: %s", quote(value), want)
	}
	return time.Time{}, err
}

// relative explains why key=value, a relative time, is refused, and gives
// the until= to write instead, so that the fix is a copy and paste.
func relative(key, value string, now func() time.Time) string {
	// Only a time that until= itself accepts is worth suggesting.
	if t, err := parseUntil(value); err == nil {
		return fmt.Sprintf("%s= is not an option: write until=%s", key, formatTime(t))
	}
	prefix := key + `= is relative and a file has no "now": write `
	d, err := rulevalue.ParseDuration(value)
	if err != nil {
		return prefix + "an absolute until=<RFC 3339 time>, such as until=" + formatTime(now().Add(time.Hour).Round(time.Second)) + " (1h from now)"
	}
	shown := value
	if len(shown) > 16 {
		shown = d.String()
	}
	return prefix + "until=" + formatTime(now().Add(d).Round(time.Second)) + " (" + shown + " from now)"
}

// maxQuoted bounds the input an error message repeats, so that a 1 MiB line
// does not make a 1 MiB log entry. The column already says where to look.
const maxQuoted = 64

// quote quotes s for a message, cut as clip cuts it.
func quote(s string) string {
	if c, cut := prefix(s); cut {
		return strconv.Quote(c) + "…"
	}
	return strconv.Quote(s)
}
