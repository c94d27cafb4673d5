package registry

import "strings"

// hints indexes the registered names for "did you mean" searches: the
// distinct prefixes of each depth ("db", "db.pool", ...), by depth and
// length. It is built only when a rule matches nothing, and then follows
// the registrations incrementally, so a reload that keeps a typo pays
// nothing per registered name. A registry's hints are used under opMu.
type hints struct {
	upto  int // how many of the registry's entries are indexed
	seen  map[string]bool
	byKey map[hintKey][]string
	// byDepth lists the lengths present at each depth, for patterns with a
	// '*', whose candidates' lengths change.
	byDepth map[int][]int
}

type hintKey struct{ depth, length int }

// hintBudget bounds the candidates one search compares, whatever the number
// of names, so that a typo costs a reload the same at 100 components and at
// 100,000.
const hintBudget = 1024

// add indexes name's prefixes.
func (h *hints) add(name string) {
	if h.seen == nil {
		h.seen = make(map[string]bool)
		h.byKey = make(map[hintKey][]string)
		h.byDepth = make(map[int][]int)
	}
	depth := 1
	for i := 0; i <= len(name); i++ {
		if i < len(name) && name[i] != '.' {
			continue
		}
		if p := name[:i]; !h.seen[p] {
			h.seen[p] = true
			k := hintKey{depth, len(p)}
			if len(h.byKey[k]) == 0 {
				h.byDepth[depth] = append(h.byDepth[depth], len(p))
			}
			h.byKey[k] = append(h.byKey[k], p)
		}
		depth++
	}
}

// suggest returns the registered name, cut to the pattern's depth and with
// the pattern's '*' segments kept, closest to an unmatched pattern, or "" if
// none is close enough to be a likely typo.
func (h *hints) suggest(pattern string) string {
	limit := 1
	if len(pattern) >= 5 {
		limit = 2
	}
	depth := strings.Count(pattern, ".") + 1
	var near [5]int
	lengths := near[:0]
	stars := strings.Contains(pattern, "*")
	if stars {
		lengths = h.byDepth[depth]
	} else {
		for d := range 2*limit + 1 {
			// Nearest lengths first: 0, -1, +1, -2, +2.
			delta := (d + 1) / 2
			if d%2 == 1 {
				delta = -delta
			}
			if n := len(pattern) + delta; n > 0 {
				lengths = append(lengths, n)
			}
		}
	}
	s := searcher{pattern: pattern, limit: limit, best: "", bestDist: limit + 1, budget: hintBudget}
	if len(pattern) <= 64 {
		for i := range len(pattern) {
			s.peq[pattern[i]] |= 1 << i
		}
	} else {
		s.row = make([]int, 2*(len(pattern)+1))
	}
	var buf []byte
	for _, n := range lengths {
		for _, cand := range h.byKey[hintKey{depth, n}] {
			if s.budget == 0 {
				return s.result()
			}
			if stars {
				buf = starred(buf[:0], cand, pattern)
				s.try(string(buf))
				continue
			}
			s.try(cand)
		}
	}
	return s.result()
}

// starred writes cand with the segments where pattern has '*' replaced by
// '*'; both have the same depth.
func starred(buf []byte, cand, pattern string) []byte {
	for {
		c, cRest, cMore := strings.Cut(cand, ".")
		p, pRest, _ := strings.Cut(pattern, ".")
		if p == "*" {
			c = "*"
		}
		buf = append(buf, c...)
		if !cMore {
			return buf
		}
		buf = append(buf, '.')
		cand, pattern = cRest, pRest
	}
}

// searcher keeps the best candidate of one search.
type searcher struct {
	pattern  string
	limit    int
	best     string
	bestDist int
	budget   int
	row      []int // two rows of the edit distance, for patterns past 64 bytes
	// peq has, for each byte, the bit i set where pattern[i] is that byte:
	// the bit-parallel distance of a pattern of up to 64 bytes.
	peq [256]uint64
}

func (s *searcher) try(cand string) {
	s.budget--
	if abs(len(cand)-len(s.pattern)) > s.limit {
		return
	}
	d := s.distance(cand)
	if d < s.bestDist || d == s.bestDist && cand < s.best {
		s.best, s.bestDist = cand, d
	}
}

func (s *searcher) result() string {
	if s.bestDist > s.limit {
		return ""
	}
	return s.best
}

// distance is the Levenshtein edit distance between cand and the pattern,
// in bytes, or limit+1 if it is more than the limit.
func (s *searcher) distance(cand string) int {
	if s.row == nil {
		return min(s.bitDistance(cand), s.limit+1)
	}
	return s.rowDistance(cand)
}

// bitDistance is the distance for a pattern of 1 to 64 bytes, computed a
// column of the edit-distance matrix at a time, one bit per row, as the
// vertical (Pv, Mv) and horizontal (Ph, Mh) differences between adjacent
// cells (Myers 1999, in Hyyrö's form for the distance between whole
// strings): a few word operations per byte of cand, where the rows take
// the pattern's length. A search compares a thousand candidates.
func (s *searcher) bitDistance(cand string) int {
	m := len(s.pattern)
	if m == 0 {
		return len(cand)
	}
	last := uint64(1) << (m - 1)
	pv, mv, score := ^uint64(0), uint64(0), m
	for i := 0; i < len(cand); i++ {
		eq := s.peq[cand[i]]
		xv := eq | mv
		xh := ((eq & pv) + pv) ^ pv | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		if ph&last != 0 {
			score++
		} else if mh&last != 0 {
			score--
		}
		// The first row of the matrix counts up: its difference is +1.
		ph = ph<<1 | 1
		mh <<= 1
		pv = mh | ^(xv | ph)
		mv = ph & xv
	}
	return score
}

// rowDistance is the distance computed two rows at a time, or limit+1 as
// soon as a row's smallest value exceeds the limit, since it only grows.
func (s *searcher) rowDistance(cand string) int {
	b := s.pattern
	prev, cur := s.row[:len(b)+1], s.row[len(b)+1:]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(cand); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if cand[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			low = min(low, cur[j])
		}
		if low > s.limit {
			return s.limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// distance is the Levenshtein edit distance between a and b, in bytes.
func distance(a, b string) int {
	s := searcher{pattern: b, limit: len(a) + len(b), row: make([]int, 2*(len(b)+1))}
	return s.distance(a)
}
