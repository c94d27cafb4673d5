package component

import (
	"sync"
	"sync/atomic"
	"unsafe"

	"go.uber.org/zap/zapcore"
)

// Level is the level of one component: the least severe level it writes.
// It is one atomic integer, so reading it on every log call costs one load.
//
// A Level may also record: see [Level.SetRecord]. The level every call
// checks is then the floor of what the component keeps, Debug, while the
// level it writes stays the one given to [Level.SetLevel].
//
// The zero Level is Info, and does not record. A Level must not be copied
// after first use.
type Level struct {
	// floor is what the inlined check of every call reads: the least
	// severe level the component keeps, written or recorded. It equals
	// written unless the Level records. zapcore.InfoLevel is 0, so the
	// zero value means Info.
	floor atomic.Int32
	// written is the least severe level the component writes.
	written atomic.Int32
	// ctxFloor is what the inlined check of every call through a bound
	// logger (Logger.Ctx) reads: the least severe level that any context
	// may make the component keep, the floor or a scoped rule's level,
	// or Debug while a grant is in flight or a request recorder exists.
	// It equals floor while none of those concerns the component, so that
	// such a call reads no context. See scoped.go and interest.go.
	ctxFloor atomic.Int32
	// tracked says that a sweep of interest reaches the Level: set by the
	// first call with a context below its level (see track). Until then
	// ctxFloor is Debug, so that such a call comes.
	tracked atomic.Bool
	// rec is the recorder while the Level records, nil otherwise.
	rec atomic.Pointer[recorder]
	// scoped holds the scoped rules in force, nil if none.
	scoped atomic.Pointer[scopedSet]
	// mu serializes SetLevel, SetRecord and SetScoped, which all derive
	// floor and ctxFloor.
	mu sync.Mutex
	// What enabled calls read besides the level: the redactor and the
	// limit, replaced together (see policy), and the counters (stats.go,
	// on a line of their own).
	pol   atomic.Pointer[policy]
	stats atomic.Pointer[counters]
	// The padding gives the level a cache line of its own: every log call
	// reads it, and a write to a neighbouring object would otherwise make
	// those reads miss on every core (false sharing). The fields above are
	// written only when a rule changes. The three int32s and the bool take 16 bytes,
	// aligned for the pointers after them. It is not the last field, where
	// a padding of zero bytes would grow the struct.
	_ [cacheLine - 4*4 - 5*unsafe.Sizeof(atomic.Pointer[recorder]{}) - unsafe.Sizeof(sync.Mutex{})]byte
	// owner is the first Logger of the Level, which writes the reports of
	// its limit; written once.
	owner atomic.Pointer[Logger]
}

// policy is what a Level applies to the entries it lets through, besides
// their level: redaction (redact.go) and a limit (limit.go). It is
// immutable: the setters replace it whole, under the Level's mu, so that
// the Level keeps one pointer for the two and fits a cache line. The
// policy of a Level with a Redactor and no limit is the Redactor's own,
// shared by every such Level: most components cost no policy of their own.
type policy struct {
	red *Redactor
	lim *limiter
}

// setPolicy replaces lv's policy with what change makes of a copy of it.
func (lv *Level) setPolicy(change func(p *policy)) {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	var p policy
	if old := lv.pol.Load(); old != nil {
		p = *old
	}
	change(&p)
	if p.lim == nil && p.red != nil {
		lv.pol.Store(p.red.alone)
		return
	}
	lv.pol.Store(&p)
}

// limiter returns lv's limiter, nil if none.
func (lv *Level) limiter() *limiter {
	if p := lv.pol.Load(); p != nil {
		return p.lim
	}
	return nil
}

// cacheLine is the size of a cache line on common 64-bit processors.
const cacheLine = 64

// NewLevel returns a Level set to l.
func NewLevel(l zapcore.Level) *Level {
	lv := new(Level)
	lv.SetLevel(l)
	return lv
}

// Level returns the current level: the least severe level written, whether
// or not the Level records below it.
func (lv *Level) Level() zapcore.Level {
	return zapcore.Level(lv.written.Load())
}

// SetLevel changes the level. Loggers that share lv see the change at their
// next call.
func (lv *Level) SetLevel(l zapcore.Level) {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	lv.written.Store(int32(l))
	lv.setFloor()
}

// setFloor derives floor from written and rec, and ctxFloor from floor
// and the scoped rules. The caller holds mu.
func (lv *Level) setFloor() {
	f := lv.written.Load()
	if lv.rec.Load() != nil {
		f = min(f, int32(zapcore.DebugLevel))
	}
	cf := f
	if interest.Load() > 0 || !lv.tracked.Load() {
		// A grant in flight or a request recorder: any context may
		// make any component keep Debug (see interest). Until its first
		// call with a context, below its level, tracks it, a Level
		// cannot know.
		cf = min(cf, int32(zapcore.DebugLevel))
	}
	if set := lv.scoped.Load(); set != nil {
		cf = min(cf, int32(set.rules[0].Level))
		if set.rec != nil {
			cf = min(cf, int32(zapcore.DebugLevel))
		}
	}
	// A call that passes the old ctxFloor but not the new floor only
	// reads its context for nothing: order does not matter for
	// correctness, since every decision rereads both.
	lv.floor.Store(f)
	lv.ctxFloor.Store(cf)
}

// Enabled reports whether entries at l are written. It makes *Level a
// zapcore.LevelEnabler. Levels it only records do not count: a core built
// with lv as its level writes what the component writes.
func (lv *Level) Enabled(l zapcore.Level) bool {
	return int32(l) >= lv.written.Load()
}

// keeps reports whether entries at l are written or recorded: what the
// inlined level check of every call asks.
func (lv *Level) keeps(l zapcore.Level) bool {
	return int32(l) >= lv.floor.Load()
}

// records reports whether an entry at l, which lv keeps, goes to the
// recorder rather than to the core.
func (lv *Level) records(l zapcore.Level) bool {
	return int32(l) < lv.written.Load()
}

// String returns the level's name, such as "debug".
func (lv *Level) String() string {
	return lv.Level().String()
}
