package fleet

import (
	"slices"
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		d := make([]time.Duration, len(v))
		for i, x := range v {
			d[i] = time.Duration(x) * time.Millisecond
		}
		return d
	}
	hundred := make([]int, 0, 200)
	for i := range 200 {
		hundred = append(hundred, 200-i) // 200, 199, …, 1
	}
	for _, c := range []struct {
		name string
		in   []time.Duration
		want Summary
	}{
		{"empty", nil, Summary{}},
		{"one", ms(7), Summary{1, 7 * time.Millisecond, 7 * time.Millisecond, 7 * time.Millisecond, 7 * time.Millisecond}},
		// Nearest rank: the median of 4 is the 2nd, and p99 of fewer than
		// 100 samples is the maximum.
		{"four", ms(4, 1, 3, 2), Summary{4, 1 * time.Millisecond, 2 * time.Millisecond, 4 * time.Millisecond, 4 * time.Millisecond}},
		{"negative", ms(-3, 5, 1), Summary{3, -3 * time.Millisecond, 1 * time.Millisecond, 5 * time.Millisecond, 5 * time.Millisecond}},
		// 1…200: p50 is the 100th, p99 the 198th.
		{"two hundred", ms(hundred...), Summary{200, 1 * time.Millisecond, 100 * time.Millisecond, 198 * time.Millisecond, 200 * time.Millisecond}},
	} {
		in := slices.Clone(c.in)
		if got := Summarize(c.in); got != c.want {
			t.Errorf("%s: Summarize = %+v, want %+v", c.name, got, c.want)
		}
		if !slices.Equal(in, c.in) {
			t.Errorf("%s: Summarize changed its argument", c.name)
		}
	}
}

func TestSpread(t *testing.T) {
	if got := Spread(nil); got != 0 {
		t.Errorf("Spread(nil) = %v", got)
	}
	if got := Spread([]time.Duration{5, -2, 9, 3}); got != 11 {
		t.Errorf("Spread = %v, want 11ns", got)
	}
}
