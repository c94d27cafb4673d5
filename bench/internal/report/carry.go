package report

import (
	"fmt"
	"strings"
)

// The markers of the fleet block, which bench/cmd/fleet writes into
// RESULTS.md and README.md from a run of its own. The report regenerates
// both files from its run, and carries that block over verbatim.
const (
	FleetBegin = "<!-- fleet:begin -->"
	FleetEnd   = "<!-- fleet:end -->"
)

// FleetBlock returns the fleet block of doc, markers included, or "" if doc
// has none. A doc with one marker but not the other, either marker twice, or
// the end before the beginning, is an error: regenerating it would lose the
// block or keep half of it.
func FleetBlock(doc string) (string, error) {
	begin, end := strings.Count(doc, FleetBegin), strings.Count(doc, FleetEnd)
	switch {
	case begin == 0 && end == 0:
		return "", nil
	case begin != 1 || end != 1:
		return "", fmt.Errorf("report: %s and %s must appear once each, or not at all (found %d and %d)", FleetBegin, FleetEnd, begin, end)
	}
	i, j := strings.Index(doc, FleetBegin), strings.Index(doc, FleetEnd)
	if j < i {
		return "", fmt.Errorf("report: %s comes before %s", FleetEnd, FleetBegin)
	}
	return doc[i : j+len(FleetEnd)], nil
}

// rawHeading starts the raw output at the end of RESULTS.md; a carried
// block goes before it, so that it is not buried under the raw lines.
const rawHeading = "\n## Raw output\n"

// CarryFleet returns doc with block, a fleet block from [FleetBlock], put
// back: in place of doc's own fleet block if it has one, else before its
// raw output, else at its end. An empty block leaves doc as it is.
func CarryFleet(doc, block string) string {
	if block == "" {
		return doc
	}
	if old, err := FleetBlock(doc); err == nil && old != "" {
		return strings.Replace(doc, old, block, 1)
	}
	if i := strings.Index(doc, rawHeading); i >= 0 {
		return doc[:i] + "\n" + block + "\n" + doc[i:]
	}
	return strings.TrimRight(doc, "\n") + "\n\n" + block + "\n"
}

// Section returns what lies between the markers of doc's generated section,
// or the error [ReplaceSection] would return for doc.
func Section(doc string) (string, error) {
	if _, err := ReplaceSection(doc, ""); err != nil {
		return "", err
	}
	start := strings.Index(doc, StartMarker) + len(StartMarker)
	return doc[start:strings.Index(doc, EndMarker)], nil
}
