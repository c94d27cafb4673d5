package registry

import (
	"strconv"
	"strings"
	"unicode"
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

// maxPath bounds a path an error message repeats. Paths are cut in the
// middle, since their two ends say the most.
const maxPath = 256

// showPath makes a path, or a name from the system such as a user's, fit to
// print: cut in the middle to about maxPath bytes, and quoted as Go quotes
// strings when it holds anything but printable text. A directory name, made
// by whoever could write its parent, may hold terminal escapes or a newline
// that would otherwise forge the operator's screen or a line of output.
func showPath(p string) string {
	if len(p) > maxPath {
		head := maxPath / 2
		for head > 0 && !utf8.RuneStart(p[head]) {
			head--
		}
		tail := len(p) - maxPath/2
		for tail < len(p) && !utf8.RuneStart(p[tail]) {
			tail++
		}
		p = p[:head] + "…" + p[tail:]
	}
	if !utf8.ValidString(p) || strings.ContainsFunc(p, func(r rune) bool { return !unicode.IsPrint(r) }) {
		return strconv.Quote(p)
	}
	return p
}
