package fleet

import (
	"math"
	"slices"
	"time"
)

// Summary is the distribution of a set of durations, by the nearest-rank
// method: P99 is the smallest sample that at least 99% of the samples do not
// exceed, so with fewer than 100 samples it is the maximum.
type Summary struct {
	N                  int
	Min, P50, P99, Max time.Duration
}

// Summarize returns the summary of d, which it leaves unchanged. An empty d
// gives the zero Summary.
func Summarize(d []time.Duration) Summary {
	if len(d) == 0 {
		return Summary{}
	}
	s := slices.Clone(d)
	slices.Sort(s)
	rank := func(p float64) time.Duration {
		i := int(math.Ceil(p*float64(len(s)))) - 1
		return s[max(0, min(i, len(s)-1))]
	}
	return Summary{N: len(s), Min: s[0], P50: rank(0.50), P99: rank(0.99), Max: s[len(s)-1]}
}

// Spread returns the difference between the largest and the smallest of d,
// or zero for an empty d.
func Spread(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	return slices.Max(d) - slices.Min(d)
}
