package registry

import (
	"strconv"
	"sync/atomic"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
)

// Rule is one line of a components file, or one runtime override: a pattern
// and the level it sets for the components it covers, until an optional
// instant.
//
// A pattern is segments joined by '.', each a literal name segment or '*',
// which matches exactly one segment. A rule covers the components its pattern
// names and all their descendants: "db" covers "db" and "db.pool.conn", and
// "*" covers every component.
//
// A pattern may end with a condition in brackets, "saas.client[tenant=acme]":
// the rule is then scoped. It applies only to the calls whose context
// carries every key=value pair of the condition (see component.WithScope),
// and only ever adds detail: see [Parse]. Pattern holds the condition as
// written, and so names the rule, as for any rule: in [SetRule],
// [RemoveRule], [Registry.ClearOverride] and the admin handler.
type Rule struct {
	Pattern string
	Level   zapcore.Level
	// Until is the instant at which the rule stops being in force, by the
	// wall clock; zero means never. Rules from a file carry it in UTC.
	Until time.Time
	// Record is the number of entries below Level that the components the
	// rule covers keep in memory, to write out before their next error;
	// zero means none (see component.Level.SetRecord).
	Record int
	// Limit bounds the entries below the default level that the components
	// the rule covers write (limit=N/s or N/m); the zero Limit is none,
	// or the registry's WithDebugLimit. See component.Level.SetLimit.
	Limit component.Limit
	// File and Line locate the rule in its components file; Line is 1-based.
	// Both are empty for an override.
	File string
	Line int

	override bool // set by Registry.Override
	// written counts the entries a scoped rule let through while in force;
	// nil until the rule is, and for an unscoped rule.
	written *atomic.Uint64
}

// Condition returns the condition of a scoped rule, as written between its
// brackets, such as "tenant=acme"; "" for an unscoped rule.
func (r Rule) Condition() string {
	_, cond := splitPattern(r.Pattern)
	return cond
}

// String returns the rule in the file's syntax, "pattern=level" (with the
// pattern's condition, if any), followed by
// " record=N" when it records, " limit=N/s" when it is limited and
// " until=<RFC 3339 time in UTC>" when it expires. [Parse] reads it back to
// the same pattern, condition, level, record, limit and instant.
func (r Rule) String() string {
	s := r.Pattern + "=" + r.Level.String()
	if r.Record > 0 {
		s += " record=" + strconv.Itoa(r.Record)
	}
	if l := r.Limit.String(); l != "" {
		s += " limit=" + l
	}
	if !r.Until.IsZero() {
		s += " until=" + formatTime(r.Until)
	}
	return s
}

// Source returns where the rule comes from: "file:line", or "override" for
// a runtime override set by [Registry.Override].
func (r Rule) Source() string {
	if r.override {
		return "override"
	}
	return r.File + ":" + strconv.Itoa(r.Line)
}

// formatTime writes t as the file's grammar reads it: RFC 3339 in UTC, with
// fractional seconds only when there are some.
func formatTime(t time.Time) string {
	return t.UTC().Format(time.RFC3339Nano)
}
