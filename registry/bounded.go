package registry

import (
	"strconv"
	"unicode/utf8"
)

// The bounds of the lists in a log entry. The file's text is cut to
// maxQuoted bytes wherever an entry repeats it, and each list to maxListed
// items and about listBudget bytes, so that an acknowledgement stays under
// 8 KiB however many rules the file holds and however long they are.
const (
	maxListed  = 50
	listBudget = 1536
)

// bounded collects the items of a list for a log entry, counting those
// beyond its bounds instead of keeping them.
type bounded struct {
	items []string
	size  int
	rest  int
}

// full reports whether the list takes no more items; a caller with costly
// items checks it first, and counts the item with skip.
func (b *bounded) full() bool { return len(b.items) >= maxListed || b.size >= listBudget }

func (b *bounded) skip() { b.rest++ }

func (b *bounded) add(s string) {
	if b.full() {
		b.rest++
		return
	}
	b.items = append(b.items, s)
	b.size += len(s)
}

// list returns the items, with "… and N more" last when some were left out.
func (b *bounded) list() []string {
	if b.rest > 0 {
		return append(b.items, "… and "+strconv.Itoa(b.rest)+" more")
	}
	if b.items == nil {
		return []string{}
	}
	return b.items
}

// clip cuts s, text from a file or a caller, to maxQuoted bytes at a rune
// boundary, marking the cut with "…".
func clip(s string) string {
	if c, cut := prefix(s); cut {
		return c + "…"
	}
	return s
}

// prefix returns s cut to maxQuoted bytes at a rune boundary, and whether
// it was cut.
func prefix(s string) (string, bool) {
	if len(s) <= maxQuoted {
		return s, false
	}
	n := maxQuoted
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n], true
}
