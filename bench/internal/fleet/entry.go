package fleet

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// Entry is one JSON log entry of a process, with the fields the fleet reads.
type Entry struct {
	Time    time.Time
	Level   string
	Logger  string
	Msg     string
	Changed []string // the acknowledgement's "name: old→new" list
	Err     string   // the "error" field
}

// ParseEntry parses one line of zap's JSON encoding, with the keys of
// zap.NewProductionEncoderConfig. The time stamp "ts" may be RFC 3339 text,
// as the child writes it, or zap's default seconds since the epoch.
func ParseEntry(line []byte) (Entry, error) {
	var raw struct {
		TS      json.RawMessage `json:"ts"`
		Level   string          `json:"level"`
		Logger  string          `json:"logger"`
		Msg     string          `json:"msg"`
		Changed []string        `json:"changed"`
		Error   string          `json:"error"`
	}
	if err := json.Unmarshal(line, &raw); err != nil {
		return Entry{}, fmt.Errorf("fleet: log entry %.80q: %w", line, err)
	}
	ts, err := parseTime(raw.TS)
	if err != nil {
		return Entry{}, fmt.Errorf("fleet: log entry %.80q: %w", line, err)
	}
	return Entry{Time: ts, Level: raw.Level, Logger: raw.Logger, Msg: raw.Msg, Changed: raw.Changed, Err: raw.Error}, nil
}

func parseTime(ts json.RawMessage) (time.Time, error) {
	if len(ts) == 0 {
		return time.Time{}, errors.New(`no time stamp "ts"`)
	}
	var s string
	if err := json.Unmarshal(ts, &s); err == nil {
		return time.Parse(time.RFC3339Nano, s)
	}
	var sec float64
	if err := json.Unmarshal(ts, &sec); err != nil || sec < 0 || sec > math.MaxInt64/1e9 {
		return time.Time{}, fmt.Errorf(`time stamp "ts" is %s: want RFC 3339 text or seconds since the epoch`, ts)
	}
	whole, frac := math.Modf(sec)
	return time.Unix(int64(whole), int64(math.Round(frac*1e9))), nil
}

// Change finds name in the entry's changed list and returns its old and new
// levels: "db: warn→debug until 2026-11-26T15:00:00Z" gives "warn", "debug".
func (e Entry) Change(name string) (from, to string, ok bool) {
	for _, c := range e.Changed {
		rest, found := strings.CutPrefix(c, name+": ")
		if !found {
			continue
		}
		from, to, found = strings.Cut(rest, "→")
		if !found {
			continue
		}
		to, _, _ = strings.Cut(to, " ")
		return from, to, true
	}
	return "", "", false
}

// Expiry reports whether the entry is the registry's log of a rule whose
// until= instant passed.
func (e Entry) Expiry() bool {
	return e.Logger == registrySelf && strings.Contains(e.Msg, "expired")
}

// Failure reports whether the entry says the registry or its watcher failed:
// an entry at error level or above on the component "scopelog".
func (e Entry) Failure() bool {
	if e.Logger != registrySelf {
		return false
	}
	switch e.Level {
	case "error", "dpanic", "panic", "fatal":
		return true
	}
	return false
}
