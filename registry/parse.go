package registry

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/scopelog/scopelog/component"
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

// levels maps the names a rule may give, lowercased, to zap levels.
var levels = map[string]zapcore.Level{
	"debug":  zapcore.DebugLevel,
	"info":   zapcore.InfoLevel,
	"warn":   zapcore.WarnLevel,
	"error":  zapcore.ErrorLevel,
	"dpanic": zapcore.DPanicLevel,
	"panic":  zapcore.PanicLevel,
	"fatal":  zapcore.FatalLevel,
}

const levelList = "debug, info, warn, error, dpanic, panic or fatal"

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
// Whitespace-separated key=value options may follow a rule; they are
// reserved for later features, and any option is an error today.
func Parse(file string, src []byte) ([]Rule, error) {
	// Notepad and PowerShell start UTF-8 files with a byte order mark.
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	var rules []Rule
	for n := 1; len(src) > 0; n++ {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		r, ok, err := parseLine(string(line))
		if err != nil {
			err.File, err.Line = file, n
			return nil, err
		}
		if ok {
			r.File, r.Line = file, n
			rules = append(rules, r)
		}
	}
	return rules, nil
}

// parseLine parses one line; ok is false for a blank or comment line. The
// error lacks File and Line, which the caller knows.
func parseLine(line string) (r Rule, ok bool, err *SyntaxError) {
	line = strings.TrimSuffix(line, "\r")
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	toks := tokens(line)
	if len(toks) == 0 {
		return Rule{}, false, nil
	}
	r, err = parseRule(toks[0])
	if err != nil {
		return Rule{}, false, err
	}
	for _, t := range toks[1:] {
		if err := parseOption(t); err != nil {
			return Rule{}, false, err
		}
	}
	return r, true, nil
}

type token struct {
	text string
	col  int // 1-based
}

// tokens splits on spaces and tabs; other bytes, including other white
// space, belong to tokens so that the pattern check reports them precisely.
func tokens(line string) []token {
	var toks []token
	start := -1
	for i := 0; i <= len(line); i++ {
		sep := i == len(line) || line[i] == ' ' || line[i] == '\t'
		switch {
		case sep && start >= 0:
			toks = append(toks, token{line[start:i], start + 1})
			start = -1
		case !sep && start < 0:
			start = i
		}
	}
	return toks
}

func parseRule(t token) (Rule, *SyntaxError) {
	pattern, level, hasLevel := strings.Cut(t.text, "=")
	if pattern == "" {
		return Rule{}, &SyntaxError{Col: t.col, Msg: "expected a component name or pattern before '='"}
	}
	if err := checkPattern(pattern, t.col); err != nil {
		return Rule{}, err
	}
	r := Rule{Pattern: pattern, Level: zapcore.DebugLevel}
	if !hasLevel {
		return r, nil
	}
	levelCol := t.col + len(pattern) + 1
	if level == "" {
		return Rule{}, &SyntaxError{Col: levelCol, Msg: "expected a level after '=' (" + levelList + "), with no space around '='"}
	}
	lvl, ok := levels[strings.ToLower(level)]
	if !ok {
		return Rule{}, &SyntaxError{Col: levelCol, Msg: fmt.Sprintf("unknown level %s: expected %s", quote(level), levelList)}
	}
	r.Level = lvl
	return r, nil
}

// checkPattern validates pattern, which starts at column col.
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

func parseOption(t token) *SyntaxError {
	if t.text[0] == '=' {
		return &SyntaxError{Col: t.col, Msg: "unexpected '=': write pattern=level with no space around '='"}
	}
	key, _, isOption := strings.Cut(t.text, "=")
	if !isOption {
		return &SyntaxError{Col: t.col, Msg: fmt.Sprintf("unexpected %s after the rule: expected one rule per line, optionally followed by key=value options", quote(t.text))}
	}
	return &SyntaxError{Col: t.col, Msg: fmt.Sprintf("unknown option %s: no options are supported yet", quote(key))}
}

// maxQuoted bounds the input an error message repeats, so that a 1 MiB line
// does not make a 1 MiB log entry. The column already says where to look.
const maxQuoted = 64

// quote quotes s for a message, cut to maxQuoted bytes at a rune boundary.
func quote(s string) string {
	if len(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	cut := maxQuoted
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "…"
}
