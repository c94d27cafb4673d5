package rulevalue

import "time"

// FormatExpiry writes an expiry t for people, with the time left from now:
// "2026-11-26T15:00:00Z (in 15m0s)", "… (expired)" once now has reached
// it, or "-" for the zero time, which means none. The time left is rounded
// up to the second, so that an override set for 15m reads "in 15m0s", and a
// rule still in force never reads "in 0s".
func FormatExpiry(t, now time.Time) string {
	if t.IsZero() {
		return "-"
	}
	s := t.UTC().Format(time.RFC3339)
	left := t.Sub(now)
	if left <= 0 {
		return s + " (expired)"
	}
	if r := left.Truncate(time.Second); r != left {
		left = r + time.Second
	}
	return s + " (in " + left.String() + ")"
}
