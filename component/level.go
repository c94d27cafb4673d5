package component

import (
	"sync/atomic"

	"go.uber.org/zap/zapcore"
)

// Level is the level of one component: the least severe level it writes.
// It is one atomic integer, so reading it on every log call costs one load.
//
// The zero Level is Info. A Level must not be copied after first use.
type Level struct {
	// zapcore.InfoLevel is 0, so the zero value means Info.
	v atomic.Int32
	// The padding gives the level a cache line of its own: every log call
	// reads it, and a write to a neighbouring object would otherwise make
	// those reads miss on every core (false sharing).
	_ [cacheLine - 4]byte
}

// cacheLine is the size of a cache line on common 64-bit processors.
const cacheLine = 64

// NewLevel returns a Level set to l.
func NewLevel(l zapcore.Level) *Level {
	lv := new(Level)
	lv.SetLevel(l)
	return lv
}

// Level returns the current level.
func (lv *Level) Level() zapcore.Level {
	return zapcore.Level(lv.v.Load())
}

// SetLevel changes the level. Loggers that share lv see the change at their
// next call.
func (lv *Level) SetLevel(l zapcore.Level) {
	lv.v.Store(int32(l))
}

// Enabled reports whether entries at l are written. It makes *Level a
// zapcore.LevelEnabler.
func (lv *Level) Enabled(l zapcore.Level) bool {
	return int32(l) >= lv.v.Load()
}

// String returns the level's name, such as "debug".
func (lv *Level) String() string {
	return lv.Level().String()
}
