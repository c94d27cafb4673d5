package e2e

import (
	"encoding/json"
	"fmt"
)

// An Entry is one log line, decoded.
type Entry struct {
	Level  string // "debug", "info", ...
	Logger string // the component's name
	Msg    string
	// Fields holds the whole line, the keys above included.
	Fields map[string]any
	// Line is the line as written.
	Line string
}

func parseEntry(line string) (Entry, error) {
	var fields map[string]any
	if err := json.Unmarshal([]byte(line), &fields); err != nil {
		return Entry{}, err
	}
	e := Entry{Fields: fields, Line: line}
	var ok bool
	if e.Level, ok = fields["level"].(string); !ok {
		return Entry{}, fmt.Errorf("no string level")
	}
	if e.Msg, ok = fields["msg"].(string); !ok {
		return Entry{}, fmt.Errorf("no string msg")
	}
	// The logger is absent only on entries of an unnamed zap logger.
	e.Logger, _ = fields["logger"].(string)
	return e, nil
}

// String returns the string field key, or "" if there is none.
func (e Entry) String(key string) string {
	s, _ := e.Fields[key].(string)
	return s
}

// Int returns the numeric field key, and whether there is one.
func (e Entry) Int(key string) (int64, bool) {
	f, ok := e.Fields[key].(float64)
	return int64(f), ok
}

// Strings returns the field key when it is an array of strings.
func (e Entry) Strings(key string) []string {
	a, _ := e.Fields[key].([]any)
	out := make([]string, 0, len(a))
	for _, v := range a {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// Msg matches the entries of component logger whose message is msg.
func Msg(logger, msg string) func(Entry) bool {
	return func(e Entry) bool { return e.Logger == logger && e.Msg == msg }
}
