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
	// rec is the recorder while the Level records, nil otherwise.
	rec atomic.Pointer[recorder]
	// mu serializes SetLevel and SetRecord, which both derive floor.
	mu sync.Mutex
	// What enabled calls read besides the level: the redactor (redact.go),
	// the limit (limit.go), the counters (stats.go, on a line of their own)
	// and the Logger that writes the limit's reports.
	red   atomic.Pointer[Redactor]
	lim   atomic.Pointer[limiter]
	stats atomic.Pointer[counters]
	owner atomic.Pointer[Logger]
	// The padding gives the level a cache line of its own: every log call
	// reads it, and a write to a neighbouring object would otherwise make
	// those reads miss on every core (false sharing). The fields above are
	// written only when a rule changes.
	_ [cacheLine - 2*4 - 5*unsafe.Sizeof(atomic.Pointer[recorder]{}) - unsafe.Sizeof(sync.Mutex{})]byte
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

// setFloor derives floor from written and rec. The caller holds mu.
func (lv *Level) setFloor() {
	f := lv.written.Load()
	if lv.rec.Load() != nil {
		f = min(f, int32(zapcore.DebugLevel))
	}
	lv.floor.Store(f)
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
