package registry

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestBitDistanceAgreesWithRows checks the bit-parallel distance against
// the row-by-row one on random strings of a small alphabet, so that edits
// of every kind occur, at every pattern length up to the 64 bits of a word.
func TestBitDistanceAgreesWithRows(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte(".ab*c"[rnd.IntN(5)])
		}
		return b.String()
	}
	for i := range 20_000 {
		pattern := word(1 + i%64)
		if i%3 == 0 {
			pattern = word(1 + rnd.IntN(8))
		}
		cand := word(rnd.IntN(len(pattern) + 4))
		if i%5 == 0 {
			// A near miss: one byte of the pattern changed.
			j := rnd.IntN(len(pattern))
			cand = pattern[:j] + word(1) + pattern[j+1:]
		}
		want := distance(cand, pattern)
		s := searcher{pattern: pattern}
		for k := range len(pattern) {
			s.peq[pattern[k]] |= 1 << k
		}
		for _, limit := range []int{1, 2, len(cand) + len(pattern)} {
			s.limit = limit
			if got := s.distance(cand); got != min(want, limit+1) {
				t.Fatalf("distance(%q, %q) at limit %d = %d, want %d", cand, pattern, limit, got, min(want, limit+1))
			}
		}
	}
	for _, tt := range []struct {
		a, b string
		want int
	}{{"kitten", "sitting", 3}, {"", "abc", 3}, {"abc", "abc", 0}, {"ab", "ba", 2}, {strings.Repeat("a", 64), strings.Repeat("a", 63) + "b", 1}} {
		s := searcher{pattern: tt.b, limit: 100}
		for k := range len(tt.b) {
			s.peq[tt.b[k]] |= 1 << k
		}
		if got := s.distance(tt.a); got != tt.want {
			t.Errorf("bit distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
