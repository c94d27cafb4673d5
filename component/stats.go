package component

import (
	"sync/atomic"

	"go.uber.org/zap/zapcore"
)

// counters are what a component wrote and dropped, by level. They have
// cache lines of their own, apart from the Level that every call reads:
// every written entry adds to them.
type counters struct {
	// written is indexed by slot: Debug to Fatal, and one slot for any
	// other level, so that counting needs no range check.
	written [8]atomic.Uint64
	dropped atomic.Uint64
	// The padding makes the size that of an allocation class whose objects
	// are aligned to two cache lines, so that no other object shares them.
	_ [2*cacheLine - 9*8]byte
}

// levelSlot returns the index of lvl's counter.
func levelSlot(lvl zapcore.Level) uint8 {
	return uint8(lvl-zapcore.DebugLevel) & 7
}

// counters returns lv's counters, allocated on the first entry, so that a
// component that never writes costs no more than before.
func (lv *Level) counters() *counters {
	if c := lv.stats.Load(); c != nil {
		return c
	}
	return lv.newCounters()
}

//go:noinline
func (lv *Level) newCounters() *counters {
	lv.stats.CompareAndSwap(nil, new(counters))
	return lv.stats.Load()
}

// wrote counts an entry written at lvl: passed to the sink, which took it.
// It costs a load and one atomic add.
func (lv *Level) wrote(lvl zapcore.Level) {
	lv.counters().written[levelSlot(lvl)].Add(1)
}

// Written returns the number of entries at lvl that the components sharing
// lv have written since it was created: entries their sink took, past the
// component's level, its limit and the sink's own Check. Recorded entries
// count when a flush writes them, with the entry that introduces them, not
// when they are recorded; the entries a limit drops count in
// [Level.Dropped], and the reports of drops as written at Warn.
func (lv *Level) Written(lvl zapcore.Level) uint64 {
	c := lv.stats.Load()
	if c == nil || lvl < zapcore.DebugLevel || lvl > zapcore.FatalLevel {
		return 0
	}
	return c.written[levelSlot(lvl)].Load()
}

// Dropped returns the number of entries that the limit (see
// [Level.SetLimit]) has dropped since lv was created, whatever limits were
// in force.
func (lv *Level) Dropped() uint64 {
	if c := lv.stats.Load(); c != nil {
		return c.dropped.Load()
	}
	return 0
}
