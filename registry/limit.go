package registry

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
)

// limitOf returns the limit of rule: its own, or the registry's default
// for a rule that gives none. A component no rule covers is at the
// default level, which a limit does not bound: it has none.
func (r *Registry) limitOf(rule *Rule) component.Limit {
	switch {
	case rule == nil:
		return component.Limit{}
	case rule.Limit.N > 0:
		return rule.Limit
	case r.safe.debugLimit > 0:
		return component.Limit{N: min(r.safe.debugLimit, component.MaxLimit), Per: time.Second}
	}
	return component.Limit{}
}

// limitExample is the example that limit= messages give.
const limitExample = "such as limit=100/s"

// parseLimit parses the value of limit=, which starts at column col, as
// N/s or N/m. The error locates the part at fault.
func parseLimit(value string, col int) (component.Limit, *SyntaxError) {
	want := fmt.Sprintf("expected a number of entries from 1 to %d per second or minute after limit=, %s or limit=500/m", component.MaxLimit, limitExample)
	if value == "" {
		return component.Limit{}, &SyntaxError{Col: col, Msg: want}
	}
	num, unit, hasUnit := strings.Cut(value, "/")
	n, err := strconv.Atoi(num)
	switch {
	case num == "":
		return component.Limit{}, &SyntaxError{Col: col, Msg: want}
	case err != nil && errors.Is(err, strconv.ErrRange) || err == nil && (n < 1 || n > component.MaxLimit):
		return component.Limit{}, &SyntaxError{Col: col, Msg: fmt.Sprintf("limit=%s out of range: %s", quote(num), want)}
	case err != nil:
		return component.Limit{}, &SyntaxError{Col: col, Msg: fmt.Sprintf("invalid number %s: %s", quote(num), want)}
	case !hasUnit:
		return component.Limit{}, &SyntaxError{Col: col + len(num), Msg: fmt.Sprintf("expected /s or /m after limit=%d: a limit is a rate, %s", n, limitExample)}
	}
	switch unit {
	case "s":
		return component.Limit{N: n, Per: time.Second}, nil
	case "m":
		return component.Limit{N: n, Per: time.Minute}, nil
	}
	return component.Limit{}, &SyntaxError{Col: col + len(num) + 1, Msg: fmt.Sprintf("unknown unit %s after limit=%d/: expected s (per second) or m (per minute), %s", quote(unit), n, limitExample)}
}

// written returns the counts of lv's written entries by level name, the
// levels with none left out.
func written(lv *component.Level) map[string]uint64 {
	var m map[string]uint64
	for l := zapcore.DebugLevel; l <= zapcore.FatalLevel; l++ {
		if n := lv.Written(l); n > 0 {
			if m == nil {
				m = make(map[string]uint64)
			}
			m[l.String()] = n
		}
	}
	return m
}
