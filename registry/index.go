package registry

import "strings"

// index finds, for a component name, the rule that sets its level. It is a
// trie of the rules' patterns by segment, so resolving a name costs a few map
// lookups per segment however many rules there are.
type index struct {
	rules []Rule
	spec  []int // specificity of each rule
	root  node
}

type node struct {
	literal map[string]*node
	star    *node
	// rules ending here, in file order; they share one pattern.
	rules []int
}

func newIndex(rules []Rule) *index {
	ix := &index{rules: rules, spec: make([]int, len(rules))}
	for i, r := range rules {
		ix.spec[i] = specificity(r.Pattern)
		n := &ix.root
		for seg := range strings.SplitSeq(r.Pattern, ".") {
			n = n.child(seg)
		}
		n.rules = append(n.rules, i)
	}
	return ix
}

func (n *node) child(seg string) *node {
	if seg == "*" {
		if n.star == nil {
			n.star = new(node)
		}
		return n.star
	}
	c := n.literal[seg]
	if c == nil {
		if n.literal == nil {
			n.literal = make(map[string]*node)
		}
		c = new(node)
		n.literal[seg] = c
	}
	return c
}

// resolve returns the index of the rule that wins for name, or -1 if no rule
// covers it. If matched is not nil, every rule that covers name is marked.
func (ix *index) resolve(name string, matched []bool) int {
	best := -1
	ix.walk(&ix.root, name, 0, &best, matched)
	return best
}

// walk visits the nodes whose patterns cover name. pos is the offset in
// name of the next segment, or len(name)+1 when every segment is consumed.
// Each node reached covers name, since a pattern covers descendants.
func (ix *index) walk(n *node, name string, pos int, best *int, matched []bool) {
	for _, i := range n.rules {
		if matched != nil {
			matched[i] = true
		}
		if *best < 0 || ix.spec[i] > ix.spec[*best] || ix.spec[i] == ix.spec[*best] && i > *best {
			*best = i
		}
	}
	if pos > len(name) {
		return
	}
	end := strings.IndexByte(name[pos:], '.')
	if end < 0 {
		end = len(name)
	} else {
		end += pos
	}
	if c := n.literal[name[pos:end]]; c != nil {
		ix.walk(c, name, end+1, best, matched)
	}
	if n.star != nil {
		ix.walk(n.star, name, end+1, best, matched)
	}
}
