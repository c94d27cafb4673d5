package component

import (
	"slices"
	"unsafe"
)

// ring is a FIFO of captured entries (see [capturer.entry]), each with the
// sink that writes it, bounded by a budget of bytes that counts all the
// memory the ring holds: its byte buffer, where the entries lie one after
// the other and wrap around, and its array of slots, one per entry, each
// allocated at the size the allocator gives it. Neither holds anything
// else: an entry's bytes are its own, and a slot refers to its entry's
// sink only, which the loggers of a component share. So [ring.size] is the
// heap the ring retains, but for the allocator's header of the slot array
// (8 bytes).
//
// A ring grows its buffer and its slots as entries arrive, up to the
// budget; when growing is not possible it evicts the oldest entries, and
// it gives memory back from one array when the other needs it. resize is
// the one place that allocates, and checks the budget, and the budget it
// shares with others if any (shared, the recorders of requests). A ring is
// not safe for concurrent use.
type ring struct {
	budget int
	// shared, if not nil, is a budget the ring shares with others: its
	// arrays are taken from it as they grow, and given back as they
	// shrink. The ring's owner gives back what take hands over.
	shared *RecorderPool
	buf    []byte // len(buf) == cap(buf)
	slots  []slot // circular from head; len(slots) == cap(slots)
	head   int
	n      int
	bytes  int // the sum of the held entries' sizes
}

type slot struct {
	sink sink
	off  uint32
	size uint32
}

const slotSize = int(unsafe.Sizeof(slot{}))

// The smallest arrays a ring allocates.
const (
	minRingBytes = 4 << 10
	minRingSlots = 16
)

// size returns the bytes the ring holds: its buffer and its slots.
func (r *ring) size() int {
	return cap(r.buf) + cap(r.slots)*slotSize
}

// fits reports whether an entry of size bytes could be held by a ring of
// r's budget, alone.
func (r *ring) fits(size int) bool {
	return bufSize(size, r.budget-slotsSize(minRingSlots)) >= size
}

// push appends the captured entry b, which core writes, evicting the oldest
// entries so that the ring holds at most limit within its budget. It reports
// false, and holds nothing new, if b does not fit in the budget alone.
func (r *ring) push(b []byte, s sink, limit int) bool {
	if !r.fits(len(b)) || limit <= 0 {
		return false
	}
	for r.n >= limit {
		r.evict()
	}
	for r.n == len(r.slots) && !r.growSlots(limit) {
		if r.n == 0 {
			return false
		}
		r.evict()
	}
	off, ok := r.place(len(b))
	for !ok {
		switch {
		case r.growBuf(len(b)):
		case r.n > 0:
			r.evict()
		default:
			// Even empty, the buffer cannot grow to hold b: the slots
			// give their room back.
			if !r.resize(0, minRingSlots) || !r.growBuf(len(b)) {
				return false
			}
		}
		off, ok = r.place(len(b))
	}
	copy(r.buf[off:], b)
	r.slots[(r.head+r.n)%len(r.slots)] = slot{sink: s, off: uint32(off), size: uint32(len(b))}
	r.n++
	r.bytes += len(b)
	return true
}

// place returns where an entry of size bytes can go in the buffer without
// overwriting a held one, if anywhere: after the newest entry, or at the
// start of the buffer when the space after the newest is too short (that
// space is then unused until the entries before it go).
func (r *ring) place(size int) (int, bool) {
	if r.n == 0 {
		return 0, size <= len(r.buf)
	}
	first := int(r.slots[r.head].off)
	last := r.slots[(r.head+r.n-1)%len(r.slots)]
	end := int(last.off + last.size)
	if int(last.off) >= first {
		// Not wrapped: free after end, and before first.
		if size <= len(r.buf)-end {
			return end, true
		}
		return 0, size <= first
	}
	return end, size <= first-end
}

// evict drops the oldest entry.
func (r *ring) evict() {
	s := &r.slots[r.head]
	r.bytes -= int(s.size)
	*s = slot{}
	r.head = (r.head + 1) % len(r.slots)
	r.n--
	if r.n == 0 {
		r.head = 0
	}
}

// growSlots makes room for one more slot, up to limit, within the budget,
// taking room back from a buffer mostly unused if need be. It reports
// whether it did.
func (r *ring) growSlots(limit int) bool {
	want := min(max(2*len(r.slots), minRingSlots), limit)
	if cap(r.buf)+slotsSize(want) > r.budget {
		r.shrinkBuf()
		for want > len(r.slots) && cap(r.buf)+slotsSize(want) > r.budget {
			want -= max(want/16, 1)
		}
	}
	return want > len(r.slots) && r.resize(cap(r.buf), want)
}

// slotsSize bounds from above the allocation of n slots: a size class
// wastes at most an eighth, and an allocation with pointers carries a
// header of 8 bytes.
func slotsSize(n int) int {
	return n*slotSize + n*slotSize/8 + 8
}

// growBuf makes room in the buffer for an entry of need bytes beside the
// held ones, within the budget, taking room back from slots mostly unused
// if need be. It reports whether it did.
func (r *ring) growBuf(need int) bool {
	least := r.bytes + need
	want := max(2*len(r.buf), least)
	if want+cap(r.slots)*slotSize > r.budget {
		r.shrinkSlots()
	}
	size := bufSize(want, r.budget-cap(r.slots)*slotSize)
	return size >= least && size > len(r.buf) && r.resize(size, len(r.slots))
}

// bufSize returns the size of a buffer for want bytes, at most limit if
// want is more: a size that allocates exactly (a size class of 4 KiB, or
// a multiple of the 8 KiB page), so that the ring counts what it takes.
func bufSize(want, limit int) int {
	const page = 8 << 10
	size := minRingBytes
	if want > minRingBytes {
		size = (want + page - 1) / page * page
	}
	if size > limit {
		size = limit / page * page
		if size == 0 && limit >= minRingBytes {
			size = minRingBytes
		}
	}
	return size
}

// shrinkBuf gives back a buffer that holds less than a quarter of its
// size, keeping twice what it holds. It reports whether it did.
func (r *ring) shrinkBuf() bool {
	if len(r.buf) <= minRingBytes || 4*r.bytes >= len(r.buf) {
		return false
	}
	return r.resize(bufSize(2*r.bytes, len(r.buf)), len(r.slots))
}

// shrinkSlots gives back slots of which less than a quarter are in use,
// keeping twice as many as are. It reports whether it did.
func (r *ring) shrinkSlots() bool {
	if len(r.slots) <= minRingSlots || 4*r.n >= len(r.slots) {
		return false
	}
	return r.resize(cap(r.buf), max(2*r.n, minRingSlots))
}

// resize moves the held entries, in order, into a buffer of bytes (at
// least what they hold; see [bufSize]) and slots of at least slots (more
// if they need it, or if the size class of their allocation has room for
// more, so that the ring counts what they really take); a buffer that
// keeps its size stays. It reports false, changing
// nothing, if the arrays would exceed the budget.
func (r *ring) resize(bytes, slots int) bool {
	bytes, slots = max(bytes, r.bytes), max(slots, r.n)
	buf, moved := r.buf, bytes != len(r.buf)
	if moved {
		buf = make([]byte, bytes)
	}
	ss := slices.Grow([]slot(nil), slots)
	ss = ss[:cap(ss)]
	size := cap(buf) + cap(ss)*slotSize
	if size > r.budget {
		return false
	}
	if p := r.shared; p != nil {
		if d := size - r.size(); d > 0 && !p.take(d) {
			return false
		} else if d < 0 {
			p.give(-d)
		}
	}
	off := 0
	for i := range r.n {
		s := r.slots[(r.head+i)%len(r.slots)]
		if moved {
			// Packed from the start, in order.
			copy(buf[off:], r.buf[s.off:s.off+s.size])
			s.off = uint32(off)
			off += int(s.size)
		}
		ss[i] = s
	}
	r.buf, r.slots, r.head = buf, ss, 0
	return true
}

// setMax drops the oldest entries beyond limit, and the slots beyond what
// limit needs.
func (r *ring) setMax(limit int) {
	for r.n > limit {
		r.evict()
	}
	if len(r.slots) > limit {
		r.resize(cap(r.buf), limit)
	}
}

// take empties the ring and returns what it held.
func (r *ring) take() ring {
	t := *r
	r.buf, r.slots, r.head, r.n, r.bytes = nil, nil, 0, 0, 0
	return t
}

// entry returns the bytes and the sink of the i-th entry, oldest first.
func (r *ring) entry(i int) ([]byte, sink) {
	s := r.slots[(r.head+i)%len(r.slots)]
	return r.buf[s.off : s.off+s.size : s.off+s.size], s.sink
}
