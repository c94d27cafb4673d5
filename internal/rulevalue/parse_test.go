package rulevalue

import (
	"errors"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"
)

func TestParseLevel(t *testing.T) {
	for s, want := range map[string]zapcore.Level{"debug": zapcore.DebugLevel, "INFO": zapcore.InfoLevel, "Warn": zapcore.WarnLevel, "error": zapcore.ErrorLevel, "dpanic": zapcore.DPanicLevel, "PANIC": zapcore.PanicLevel, "fatal": zapcore.FatalLevel} {
		if got, err := ParseLevel(s); err != nil || got != want {
			t.Errorf("ParseLevel(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for s, want := range map[string]string{
		"":                      `unknown level "": expected debug, info, warn, error, dpanic, panic or fatal`,
		"warning":               `unknown level "warning": expected`,
		"\x1b[31m":              `unknown level "\x1b[31m"`,
		strings.Repeat("x", 99): `unknown level "` + strings.Repeat("x", 64) + `"…: expected`,
	} {
		if _, err := ParseLevel(s); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("ParseLevel(%.20q) = %v, want %s", s, err, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { _, _ = ParseLevel("debug") }); n != 0 {
		t.Errorf("ParseLevel(\"debug\") allocates %v times", n)
	}
}

func TestParseUntil(t *testing.T) {
	for s, want := range map[string]time.Time{
		"2026-11-26T15:00:00Z":         time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC),
		"2026-11-26T16:00:00+01:00":    time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC),
		"2026-11-26T15:00:00.25Z":      time.Date(2026, 11, 26, 15, 0, 0, 25e7, time.UTC),
		"1970-01-01T00:00:00Z":         time.Unix(0, 0).UTC(),
		"9999-12-31T23:59:59.999Z":     time.Date(9999, 12, 31, 23, 59, 59, 999e6, time.UTC),
		"2026-11-26T15:00:00.1234567Z": time.Date(2026, 11, 26, 15, 0, 0, 123456700, time.UTC),
	} {
		got, err := ParseUntil(s)
		if err != nil || !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("ParseUntil(%q) = %v, %v; want %v in UTC", s, got, err, want)
		}
	}
	for s, want := range map[string]string{
		"":                          "no time: expected an RFC 3339 time",
		"tomorrow":                  `invalid time "tomorrow": expected an RFC 3339 time with an offset or Z, such as 2026-11-26T15:00:00Z`,
		"2026-11-26T15:00:00":       `invalid time "2026-11-26T15:00:00"`,
		"1969-12-31T23:59:59Z":      `time "1969-12-31T23:59:59Z" out of range: expected a year from 1970 to 9999 in UTC`,
		"9999-12-31T23:00:00-01:00": `time "9999-12-31T23:00:00-01:00" out of range`,
	} {
		_, err := ParseUntil(s)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("ParseUntil(%q) = %v, want %s", s, err, want)
		}
		if syntax := !strings.Contains(want, "out of range"); errors.Is(err, ErrTimeSyntax) != syntax {
			t.Errorf("ParseUntil(%q): errors.Is(ErrTimeSyntax) = %v", s, !syntax)
		}
	}
}

func TestParseDuration(t *testing.T) {
	for s, want := range map[string]time.Duration{
		"1s": time.Second, "90s": 90 * time.Second, "1h30m": 90 * time.Minute, "1.5h": 90 * time.Minute,
		"2d": 48 * time.Hour, "3650d": MaxFor, "1000ms": time.Second, "+15m": 15 * time.Minute,
	} {
		if got, err := ParseDuration(s); err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for s, want := range map[string]string{
		"":            `invalid duration "": expected a duration such as 90s, 15m, 1h30m or 2d`,
		"soon":        `invalid duration "soon"`,
		"1.5d":        `invalid duration "1.5d"`,
		"2d12h":       `invalid duration "2d12h"`,
		"0":           `duration "0" too short: expected at least 1s`,
		"999ms":       `duration "999ms" too short`,
		"-2d":         `duration "-2d" too short`,
		"3651d":       `duration "3651d" too long: expected at most 3650d`,
		"87601h":      `duration "87601h" too long`,
		"9999999999h": `invalid duration "9999999999h"`,
	} {
		if _, err := ParseDuration(s); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("ParseDuration(%q) = %v, want %s", s, err, want)
		}
	}
}

func TestFormatExpiry(t *testing.T) {
	now := time.Date(2026, 11, 26, 14, 45, 0, 0, time.UTC)
	for _, tc := range []struct {
		t    time.Time
		want string
	}{
		{time.Time{}, "-"},
		{now.Add(15 * time.Minute), "2026-11-26T15:00:00Z (in 15m0s)"},
		{now.Add(15*time.Minute - time.Millisecond), "2026-11-26T14:59:59Z (in 15m0s)"},
		{now.Add(400 * time.Millisecond), "2026-11-26T14:45:00Z (in 1s)"},
		{now, "2026-11-26T14:45:00Z (expired)"},
		{now.Add(-time.Hour).In(time.FixedZone("", 3600)), "2026-11-26T13:45:00Z (expired)"},
	} {
		if got := FormatExpiry(tc.t, now); got != tc.want {
			t.Errorf("FormatExpiry(%v) = %q, want %q", tc.t, got, tc.want)
		}
	}
}
