package component

import (
	"sync"
	"sync/atomic"
	"weak"
)

// interest counts what may make a call below every rule's level matter
// for its context: the grants in flight (see [WithGrant]) and the live
// recorder pools (see [NewRecorderPool]). While it is above zero, the
// ctxFloor of every Level is Debug, so that the calls through bound
// loggers read their context; at zero, ctxFloor is what the Level and its
// scoped rules make it, and a disabled call reads no context.
//
// A change from zero or to zero sweeps every live Level under
// interestMu, so that a Level never keeps a floor of the other state; a
// Level made meanwhile reads interest when it derives its floor.
var (
	interest   atomic.Int32
	interestMu sync.Mutex
	// levels are the Levels that have had a call with a context below
	// their level, weakly, so that a sweep reaches them without keeping
	// them alive. Until that call, a Level's ctxFloor is Debug (see
	// setFloor), so that the call comes, once: a component never called
	// with a context costs nothing here, which keeps the memory of a
	// registry's components as it was.
	levels []weak.Pointer[Level]
	// pruneAt is the length of levels at which track drops the dead.
	pruneAt = 64
)

// track adds lv to the Levels a sweep reaches, once, and derives its
// floors. Its caller, decideBelow, checks lv.tracked first.
//
//go:noinline
func track(lv *Level) {
	interestMu.Lock()
	defer interestMu.Unlock()
	if lv.tracked.Load() {
		return
	}
	if len(levels) >= pruneAt {
		levels = slicesDeleteDead(levels)
		pruneAt = max(64, 2*len(levels))
	}
	levels = append(levels, weak.Make(lv))
	lv.tracked.Store(true)
	lv.mu.Lock()
	lv.setFloor()
	lv.mu.Unlock()
}

func slicesDeleteDead(ls []weak.Pointer[Level]) []weak.Pointer[Level] {
	out := ls[:0]
	for _, p := range ls {
		if p.Value() != nil {
			out = append(out, p)
		}
	}
	clear(ls[len(out):])
	return out
}

// interested adds d to interest, and sweeps the Levels when it leaves or
// reaches zero.
func interested(d int32) {
	interestMu.Lock()
	defer interestMu.Unlock()
	n := interest.Add(d)
	if n < 0 {
		panic("component: interest released more often than taken")
	}
	if (d > 0 && n != d) || (d < 0 && n != 0) {
		return
	}
	for _, p := range levels {
		if lv := p.Value(); lv != nil {
			lv.mu.Lock()
			lv.setFloor()
			lv.mu.Unlock()
		}
	}
}
