package component

import (
	"fmt"
	"sync"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// Event is one entry under construction, for the chained form of logging:
//
//	l.DebugEvent().Int("rows", n).Str("sql", q).Msg("query")
//
// [Logger.DebugEvent] and its siblings return nil when their level is
// disabled, and every method of a nil *Event does nothing and returns nil.
// Each method is small enough to inline, so a disabled chain costs the
// atomic load of the level and a nil check per method, whatever the number
// of fields: no field is built. With the zap form, Go builds every
// zap.Field argument before the call, so a disabled
// Debug("query", zap.Int(...), zap.String(...)) pays for building the
// fields even though it writes nothing.
//
// An enabled Event comes from a pool and collects its fields in a buffer
// it reuses. [Event.Msg] or [Event.Send] writes it through the same gated
// zap logger as the zap form, so the logger name, the fields of
// [Logger.With], the caller and the core are the same, and then returns the
// Event to the pool.
//
// # Which form to use
//
//   - Fields on a hot path: the event form. A disabled call costs about the
//     same as a disabled call with no fields.
//   - Everywhere else: the zap form, Debug(msg, fields...), which reads like
//     any zap code and takes zap.Fields as they are.
//   - A field that is costly to compute, in either form: guard it with
//     [Logger.Enabled], since arguments are evaluated before any method runs.
//
// [Event.Any], [Event.Stringer] and [Event.Field] with an interface value
// box their argument at the call site, and the box escapes, so they may
// allocate even when the Event is nil. Prefer the typed methods on hot
// paths.
//
// # Rules
//
// An Event belongs to the goroutine that started it, and lives until Msg or
// Send. It may sit in a variable while fields are added conditionally, but
// must not be used after Msg or Send. A later use panics if the Event is still in the pool;
// if another call has taken it from the pool by then, the misuse corrupts
// that call's entry instead. Builds with the race detector never reuse an
// Event, so that every use after Msg or Send panics there and tests catch
// it.
type Event struct {
	log    *zap.Logger
	red    *Redactor
	fields []zap.Field
	lvl    zapcore.Level
	// done is set by Msg and Send, and cleared when the pool hands the Event
	// out again.
	done bool
}

// errEventReused is the panic value of a use after Msg or Send.
const errEventReused = "component: Event used after Msg or Send"

var eventPool = sync.Pool{
	New: func() any {
		return &Event{fields: make([]zap.Field, 0, 16)}
	},
}

// DebugEvent starts an entry at DebugLevel, or returns nil if the component
// does not write at DebugLevel. See [Event].
func (l *Logger) DebugEvent() *Event {
	if l != nil && l.level.floor.Load() <= int32(zapcore.DebugLevel) {
		return l.event(zapcore.DebugLevel)
	}
	return nil
}

// InfoEvent starts an entry at InfoLevel, or returns nil if the component
// does not write at InfoLevel. See [Event].
func (l *Logger) InfoEvent() *Event {
	if l != nil && l.level.floor.Load() <= int32(zapcore.InfoLevel) {
		return l.event(zapcore.InfoLevel)
	}
	return nil
}

// WarnEvent starts an entry at WarnLevel, or returns nil if the component
// does not write at WarnLevel. See [Event].
func (l *Logger) WarnEvent() *Event {
	if l != nil && l.level.floor.Load() <= int32(zapcore.WarnLevel) {
		return l.event(zapcore.WarnLevel)
	}
	return nil
}

// ErrorEvent starts an entry at ErrorLevel, or returns nil if the component
// does not write at ErrorLevel. See [Event].
func (l *Logger) ErrorEvent() *Event {
	if l != nil && l.level.floor.Load() <= int32(zapcore.ErrorLevel) {
		return l.event(zapcore.ErrorLevel)
	}
	return nil
}

// event is the slow half of the Event constructors. It also returns nil
// when the base core drops lvl, so that no field is collected for nothing.
func (l *Logger) event(lvl zapcore.Level) *Event {
	if !l.log.Core().Enabled(lvl) {
		return nil
	}
	return newEvent(l.log, l.level.redactor(), lvl)
}

// newEvent takes an Event from the pool, to write at lvl through log,
// its fields redacted by red.
func newEvent(log *zap.Logger, red *Redactor, lvl zapcore.Level) *Event {
	e := eventPool.Get().(*Event)
	e.log, e.red, e.lvl, e.done = log, red, lvl, false
	return e
}

// Str adds a string field.
func (e *Event) Str(key, val string) *Event {
	if e != nil {
		e.addStr(key, val)
	}
	return e
}

// Int adds an int field.
func (e *Event) Int(key string, val int) *Event {
	if e != nil {
		e.addInt64(key, int64(val))
	}
	return e
}

// Int64 adds an int64 field.
func (e *Event) Int64(key string, val int64) *Event {
	if e != nil {
		e.addInt64(key, val)
	}
	return e
}

// Uint64 adds a uint64 field.
func (e *Event) Uint64(key string, val uint64) *Event {
	if e != nil {
		e.addUint64(key, val)
	}
	return e
}

// Float64 adds a float64 field.
func (e *Event) Float64(key string, val float64) *Event {
	if e != nil {
		e.addFloat64(key, val)
	}
	return e
}

// Bool adds a bool field.
func (e *Event) Bool(key string, val bool) *Event {
	if e != nil {
		e.addBool(key, val)
	}
	return e
}

// Dur adds a time.Duration field, encoded as zap.Duration is.
func (e *Event) Dur(key string, val time.Duration) *Event {
	if e != nil {
		e.addDur(key, val)
	}
	return e
}

// Time adds a time.Time field, encoded as zap.Time is.
func (e *Event) Time(key string, val time.Time) *Event {
	if e != nil {
		e.addTime(key, val)
	}
	return e
}

// Err adds err under the key "error", as zap.Error does; a nil err adds
// nothing.
func (e *Event) Err(err error) *Event {
	if e != nil {
		e.addErr(err)
	}
	return e
}

// Stringer adds a field whose value is val.String(), called only when the
// entry is written.
func (e *Event) Stringer(key string, val fmt.Stringer) *Event {
	if e != nil {
		e.addStringer(key, val)
	}
	return e
}

// Any adds a field of any type, as zap.Any does. It boxes val at the call
// site: prefer the typed methods on hot paths.
func (e *Event) Any(key string, val any) *Event {
	if e != nil {
		e.addAny(key, val)
	}
	return e
}

// Field adds a zap.Field, for the types the Event has no method for.
func (e *Event) Field(f zap.Field) *Event {
	if e != nil {
		e.addField(f)
	}
	return e
}

// Msg writes the entry with the message msg and returns the Event to the
// pool. It does nothing on a nil Event.
func (e *Event) Msg(msg string) {
	if e != nil {
		e.write(msg)
	}
}

// Send writes the entry with an empty message, like Msg("").
func (e *Event) Send() {
	if e != nil {
		// Not through Msg: the caller skip counts one frame between the
		// caller and write.
		e.write("")
	}
}

// The methods below are the out-of-line halves of the chain, kept apart so
// that the nil checks inline into the caller and each call site stays one
// test and one call: left to itself, the compiler would inline the zap
// field constructors and append into every method of every chain, and some
// methods would then be too large to inline at all.

//go:noinline
func (e *Event) addStr(key, val string) { e.add(zap.String(key, val)) }

//go:noinline
func (e *Event) addInt64(key string, val int64) { e.add(zap.Int64(key, val)) }

//go:noinline
func (e *Event) addUint64(key string, val uint64) { e.add(zap.Uint64(key, val)) }

//go:noinline
func (e *Event) addFloat64(key string, val float64) { e.add(zap.Float64(key, val)) }

//go:noinline
func (e *Event) addBool(key string, val bool) { e.add(zap.Bool(key, val)) }

//go:noinline
func (e *Event) addDur(key string, val time.Duration) { e.add(zap.Duration(key, val)) }

//go:noinline
func (e *Event) addTime(key string, val time.Time) { e.add(zap.Time(key, val)) }

//go:noinline
func (e *Event) addErr(err error) { e.add(zap.Error(err)) }

//go:noinline
func (e *Event) addStringer(key string, val fmt.Stringer) { e.add(zap.Stringer(key, val)) }

//go:noinline
func (e *Event) addAny(key string, val any) { e.add(zap.Any(key, val)) }

//go:noinline
func (e *Event) addField(f zap.Field) { e.add(f) }

func (e *Event) add(f zap.Field) {
	if e.done {
		panic(errEventReused)
	}
	e.fields = append(e.fields, f)
}

// write checks the entry with the zap logger, as a level method does, so
// that sampling, hooks and the time come from zap. The frames between the
// caller and zap's Check are Msg (or Send) and write, as Debug and write
// are for the zap form: the logger's caller skip serves both.
func (e *Event) write(msg string) {
	if e.done {
		panic(errEventReused)
	}
	if ce := e.log.Check(e.lvl, msg); ce != nil {
		e.red.fields(e.fields)
		ce.Write(e.fields...)
	}
	e.release()
}

// release clears the Event and returns it to the pool, except in race
// builds (see poolEvents) and when its buffer grew too large to keep.
func (e *Event) release() {
	// Clear so that a pooled Event does not keep the caller's values alive.
	clear(e.fields)
	e.fields = e.fields[:0]
	e.log, e.red = nil, nil
	e.done = true
	if !poolEvents || cap(e.fields) > maxPooledFields {
		return
	}
	eventPool.Put(e)
}
