package rulevalue

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.uber.org/zap/zapcore"
)

// Levels lists the level names, for messages.
const Levels = "debug, info, warn, error, dpanic, panic or fatal"

// levels maps the level names, in lower case, to zap levels.
var levels = map[string]zapcore.Level{
	"debug":  zapcore.DebugLevel,
	"info":   zapcore.InfoLevel,
	"warn":   zapcore.WarnLevel,
	"error":  zapcore.ErrorLevel,
	"dpanic": zapcore.DPanicLevel,
	"panic":  zapcore.PanicLevel,
	"fatal":  zapcore.FatalLevel,
}

// ParseLevel returns the zap level named by s, in any case: debug, info,
// warn, error, dpanic, panic or fatal.
func ParseLevel(s string) (zapcore.Level, error) {
	// ToLower returns a lower-case s as it is, without allocating: a file
	// of thousands of rules pays for each lookup.
	if l, ok := levels[strings.ToLower(s)]; ok {
		return l, nil
	}
	return 0, fmt.Errorf("unknown level %s: expected %s", Quote(s), Levels)
}

// ErrTimeSyntax is wrapped by the error of ParseUntil for input that is not
// an RFC 3339 time, as opposed to one out of range.
var ErrTimeSyntax = errors.New("expected an RFC 3339 time with an offset or Z, such as 2026-11-26T15:00:00Z")

// ParseUntil returns the instant s names, in UTC: an RFC 3339 time with an
// offset or Z, and optional fractional seconds, from 1970 to 9999 in UTC.
// Before 1970 is surely a typo, and the zero time would mean "never"; past
// 9999, RFC 3339 cannot write the time back.
func ParseUntil(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		if s == "" {
			return time.Time{}, fmt.Errorf("no time: %w", ErrTimeSyntax)
		}
		return time.Time{}, fmt.Errorf("invalid time %s: %w", Quote(s), ErrTimeSyntax)
	}
	t = t.UTC()
	if y := t.Year(); y < 1970 || y > 9999 {
		return time.Time{}, fmt.Errorf("time %s out of range: expected a year from 1970 to 9999 in UTC", Quote(s))
	}
	return t, nil
}

// The bounds of ParseDuration: a debug session lasts at least a second, and
// a value past ten years is a typo.
const (
	MinFor = time.Second
	MaxFor = 3650 * 24 * time.Hour
)

// ParseDuration returns the duration s names: a Go duration such as 90s,
// 15m or 1h30m, or whole days such as 2d, which people write for debug
// sessions that span a weekend; from MinFor to MaxFor.
func ParseDuration(s string) (time.Duration, error) {
	const want = "expected a duration such as 90s, 15m, 1h30m or 2d"
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil {
			return 0, fmt.Errorf("invalid duration %s: %s", Quote(s), want)
		}
		if n > int(MaxFor/(24*time.Hour)) {
			return 0, fmt.Errorf("duration %s too long: expected at most %dd", Quote(s), MaxFor/(24*time.Hour))
		}
		d = time.Duration(n) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("invalid duration %s: %s", Quote(s), want)
		}
	}
	switch {
	case d < MinFor:
		return 0, fmt.Errorf("duration %s too short: expected at least %v", Quote(s), MinFor)
	case d > MaxFor:
		return 0, fmt.Errorf("duration %s too long: expected at most %dd", Quote(s), MaxFor/(24*time.Hour))
	}
	return d, nil
}

// maxQuoted bounds the input a message repeats, so that a 1 MiB value does
// not make a 1 MiB log entry or answer.
const maxQuoted = 64

// Quote quotes s for a message, in Go syntax, cut to 64 bytes at a rune
// boundary and marked with "…" when longer.
func Quote(s string) string {
	if len(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	n := maxQuoted
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strconv.Quote(s[:n]) + "…"
}
