package report

import "fmt"

// The scenarios of the scopehttp benchmarks (issue 18).
const (
	requestRecorded = "RequestRecorded/TwoFields"
	requestScenario = "Request"
)

// maxRecorderNs is what the recorder of a request that succeeds may add to
// it, besides its captures.
const maxRecorderNs = 2000

// scopehttpTargets evaluates the targets of issue 18: a Debug call with
// two fields that a request's recorder captures costs at most what
// zap.Logger's enabled Debug of the same call costs writing JSON, and
// allocates nothing once warm; a request served behind the middleware
// with the recorder on, which succeeds, takes at most 2 µs more than the
// handler alone.
func scopehttpTargets(rs *Results) []Target {
	ts := []Target{
		ratioTarget(rs, requestRecorded, "scopelog", Reference, "zap.Logger writing it", 1,
			nsOf(rs, requestRecorded, EventLibrary, "the event form")),
		allocsTarget(rs, requestRecorded, "scopelog"),
		allocsTarget(rs, requestRecorded, EventLibrary),
	}
	t := Target{Goal: fmt.Sprintf("Request, recorder on, no failure: at most %s ns more than the handler alone", FormatNs(maxRecorderNs)),
		Bound: FormatNs(maxRecorderNs) + " ns"}
	mine, ok1 := median(rs, "Benchmark"+requestScenario+"/scopelog-recorder", 0, "ns/op")
	bare, ok2 := median(rs, "Benchmark"+requestScenario+"/bare", 0, "ns/op")
	if ok1 && ok2 {
		t.Measured = fmt.Sprintf("%s ns more (%s ns vs %s ns)", FormatNs(mine-bare), FormatNs(mine), FormatNs(bare))
		t.Met = mine-bare <= maxRecorderNs
		t.Context = nsOf(rs, requestScenario, "scopelog", "without the recorder")
	}
	return append(ts, t)
}
