package registry

import "strings"

// suggest returns the registered name (cut to the pattern's depth, with the
// pattern's '*' segments kept) closest to an unmatched pattern, or "" if none
// is close enough to be a likely typo.
func suggest(pattern string, names []string) string {
	pat := strings.Split(pattern, ".")
	limit := 1
	if len(pattern) >= 5 {
		limit = 2
	}
	best, bestDist := "", limit+1
	seen := make(map[string]bool)
	for _, name := range names {
		segs := strings.Split(name, ".")
		if len(segs) < len(pat) {
			continue
		}
		segs = segs[:len(pat)]
		for i, p := range pat {
			if p == "*" {
				segs[i] = "*"
			}
		}
		cand := strings.Join(segs, ".")
		if seen[cand] || abs(len(cand)-len(pattern)) > limit {
			continue
		}
		seen[cand] = true
		if d := distance(cand, pattern); d < bestDist || d == bestDist && cand < best {
			best, bestDist = cand, d
		}
	}
	if bestDist > limit {
		return ""
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// distance is the Levenshtein edit distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
