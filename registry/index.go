package registry

import (
	"strings"
	"sync/atomic"
	"time"

	"github.com/scopelog/scopelog/component"
)

// index finds, for a component name, the rule that sets its level. It is a
// trie of the rules' patterns by segment, so resolving a name costs a few map
// lookups per segment however many rules there are, even when thousands of
// them share one pattern. An index is immutable once built.
//
// Scoped rules live in the same trie, by their component pattern, but never
// win: they are listed at their node, and found by scopedFor.
type index struct {
	rules []Rule
	spec  []int   // specificity of each rule
	node  []int32 // the node each rule ends at
	nodes int     // how many nodes, for marks
	root  node
	// conds holds the parsed condition of each scoped rule, nil for the
	// others; scoped counts the scoped rules.
	conds  []*component.Condition
	scoped int
	// earliest is the soonest Until among the rules, zero if none has one.
	earliest time.Time
	slab     []node // nodes to come, allocated a few at a time
}

type node struct {
	id      int32
	literal map[string]*node
	star    *node
	// win is the last unscoped rule, in order, whose pattern ends here, or
	// -1. The rules ending at a node share one pattern, so the last always
	// wins.
	win int
	// scoped lists the scoped rules whose component pattern ends here, the
	// last of each condition only, in order.
	scoped []int
}

func newIndex(rules []Rule) *index {
	ix := &index{rules: rules, spec: make([]int, len(rules)), node: make([]int32, len(rules))}
	ix.root.win = -1
	ix.nodes = 1
	if len(rules) > 8 {
		// Most rules start with a distinct name: size the root for them
		// rather than rehash it as it grows. The cap keeps a hostile file
		// of half a million "*" rules from sizing a map it never fills.
		ix.root.literal = make(map[string]*node, min(len(rules), maxRootHint))
	}
	for i := range rules {
		r := &rules[i]
		// One pass over the segments both walks the trie and counts the
		// literal ones: the rule's specificity. Among the rules that cover
		// a component, the most specific wins.
		p, cond := splitPattern(r.Pattern)
		n, spec := &ix.root, 0
		for {
			seg, rest, more := strings.Cut(p, ".")
			if seg != "*" {
				spec++
			}
			n = ix.child(n, seg)
			if !more {
				break
			}
			p = rest
		}
		ix.spec[i] = spec
		ix.node[i] = n.id
		if cond != "" {
			ix.addScoped(n, i, cond)
		} else {
			n.win = i
		}
		if !r.Until.IsZero() && (ix.earliest.IsZero() || r.Until.Before(ix.earliest)) {
			ix.earliest = r.Until
		}
	}
	return ix
}

// addScoped lists rule i, scoped by cond, at the node n where its
// component pattern ends, in place of an earlier rule of the same
// condition there.
func (ix *index) addScoped(n *node, i int, cond string) {
	if ix.conds == nil {
		ix.conds = make([]*component.Condition, len(ix.rules))
	}
	c, err := component.ParseCondition(cond)
	if err != nil {
		// Parse and Override have checked every condition.
		panic("registry: a scoped rule with an invalid condition reached the index: " + err.Error())
	}
	ix.conds[i] = c
	ix.scoped++
	r := &ix.rules[i]
	if r.written == nil {
		r.written = new(atomic.Uint64)
	}
	for k, j := range n.scoped {
		if ix.conds[j].String() == cond {
			n.scoped[k] = i
			return
		}
	}
	n.scoped = append(n.scoped, i)
}

func (ix *index) child(n *node, seg string) *node {
	if seg == "*" {
		if n.star == nil {
			n.star = ix.newNode()
		}
		return n.star
	}
	c := n.literal[seg]
	if c == nil {
		if n.literal == nil {
			n.literal = make(map[string]*node)
		}
		c = ix.newNode()
		n.literal[seg] = c
	}
	return c
}

// maxRootHint bounds the size the root's map is made for.
const maxRootHint = 1 << 14

func (ix *index) newNode() *node {
	if len(ix.slab) == 0 {
		// Chunks grow with the trie, so that the nodes of n rules cost
		// O(log n) allocations, and waste at most a third of what is used.
		ix.slab = make([]node, min(max(64, ix.nodes/2), 1<<14))
	}
	n := &ix.slab[0]
	ix.slab = ix.slab[1:]
	n.id, n.win = int32(ix.nodes), -1
	ix.nodes++
	return n
}

// marks returns a set for resolve to mark the rules that cover a name in.
func (ix *index) marks() []bool { return make([]bool, ix.nodes) }

// covered reports whether resolve marked rule i in marks.
func (ix *index) covered(marks []bool, i int) bool { return marks[ix.node[i]] }

// resolve returns the index of the rule that wins for name, or -1 if no rule
// covers it. If marks is not nil, every rule that covers name is marked in
// it (see covered).
func (ix *index) resolve(name string, marks []bool) int {
	best := -1
	ix.walk(&ix.root, name, 0, &best, marks)
	return best
}

// walk visits the nodes whose patterns cover name. pos is the offset in
// name of the next segment, or len(name)+1 when every segment is consumed.
// Each node reached covers name, since a pattern covers descendants.
func (ix *index) walk(n *node, name string, pos int, best *int, marks []bool) {
	if marks != nil && (n.win >= 0 || len(n.scoped) > 0) {
		marks[n.id] = true
	}
	if i := n.win; i >= 0 {
		if *best < 0 || ix.spec[i] > ix.spec[*best] || ix.spec[i] == ix.spec[*best] && i > *best {
			*best = i
		}
	}
	if pos > len(name) {
		return
	}
	seg, next := segment(name, pos)
	if c := n.literal[seg]; c != nil {
		ix.walk(c, name, next, best, marks)
	}
	if n.star != nil {
		ix.walk(n.star, name, next, best, marks)
	}
}

// segment returns the segment of name that starts at offset pos, and the
// offset of the next one, len(name)+1 after the last.
func segment(name string, pos int) (seg string, next int) {
	end := strings.IndexByte(name[pos:], '.')
	if end < 0 {
		return name[pos:], len(name) + 1
	}
	return name[pos : pos+end], pos + end + 1
}

// scopedFor appends to found the scoped rules that cover name: at each
// node whose pattern covers it, the last of each condition.
func (ix *index) scopedFor(name string, found []int) []int {
	if ix.scoped == 0 {
		return found
	}
	return ix.walkScoped(&ix.root, name, 0, found)
}

func (ix *index) walkScoped(n *node, name string, pos int, found []int) []int {
	found = append(found, n.scoped...)
	if pos > len(name) {
		return found
	}
	seg, next := segment(name, pos)
	if c := n.literal[seg]; c != nil {
		found = ix.walkScoped(c, name, next, found)
	}
	if n.star != nil {
		found = ix.walkScoped(n.star, name, next, found)
	}
	return found
}

// without returns the rules of ix but the one at i, in order.
func (ix *index) without(i int) []Rule {
	out := make([]Rule, 0, len(ix.rules)-1)
	out = append(out, ix.rules[:i]...)
	return append(out, ix.rules[i+1:]...)
}
