package registry

import (
	"strconv"
	"strings"

	"go.uber.org/zap/zapcore"
)

// Rule is one line of a components file: a pattern and the level it sets for
// the components it covers.
//
// A pattern is segments joined by '.', each a literal name segment or '*',
// which matches exactly one segment. A rule covers the components its pattern
// names and all their descendants: "db" covers "db" and "db.pool.conn", and
// "*" covers every component.
type Rule struct {
	Pattern string
	Level   zapcore.Level
	// File and Line locate the rule in its components file; Line is 1-based.
	File string
	Line int
}

// String returns the rule in the file's syntax, "pattern=level", which
// [Parse] reads back to the same pattern and level.
func (r Rule) String() string {
	return r.Pattern + "=" + r.Level.String()
}

// Source returns where the rule was written, as "file:line".
func (r Rule) Source() string {
	return r.File + ":" + strconv.Itoa(r.Line)
}

// specificity is the number of literal segments: among the rules that cover
// a component, the one with the most wins.
func specificity(pattern string) int {
	n := 0
	for seg := range strings.SplitSeq(pattern, ".") {
		if seg != "*" {
			n++
		}
	}
	return n
}
