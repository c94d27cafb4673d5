package component

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"time"

	"go.uber.org/zap/zapcore"
)

// A captured entry is one zap entry and its fields, encoded at the time of
// the call into bytes of the capturer's own: every value the caller could
// change later, or that shares memory with something larger (a string
// sliced from a 64 KiB body), is copied, and objects, arrays, errors,
// stringers and reflected values are encoded at once. What a captured
// entry retains is exactly its length, so a buffer of captured entries is
// bounded by counting bytes. [capturer.entry] captures, [replay] turns the bytes back into an entry
// and fields that encode as the original would have.
//
// The encoding is private to this process and changes freely: integers are
// varints; a string or byte slice is its length and its bytes. An entry is
//
//	level, time, logger name, message, caller, stack, context, fields..., opEnd
//
// where the context is the fields of the logger's With, as bytes, and a
// field is an op, its key, and what the op says follows.

// The ops of captured fields.
const (
	opEnd     = iota // ends an entry, an object or an array
	opInteger        // a zapcore.FieldType and Field.Integer: the types whose value is in Integer alone
	opString
	opNamespace
	opTime       // a time (see appendTime), as zap.Time writes it
	opComplex128 // the real and imaginary parts, as float64 bits
	opComplex64
	opBinary     // bytes
	opByteString // bytes
	opReflected  // JSON text
	opObject     // fields..., opEnd
	opArray      // elements (fields with empty keys)..., opEnd
	opError      // an error (see appendError)
)

// The kinds of captured errors.
const (
	errPlain   = iota // the text
	errVerbose        // the text and the %+v text
	errGroup          // the text and the causes
)

// The locations of captured times.
const (
	locUTC   = iota
	locLocal // time.Local
	locFixed // any other: the zone's name and offset at that instant
)

// integerOnly reports whether a field of type t holds its value in Integer
// alone, with nothing in String or Interface.
func integerOnly(t zapcore.FieldType) bool {
	switch t {
	case zapcore.BoolType, zapcore.DurationType,
		zapcore.Float64Type, zapcore.Float32Type,
		zapcore.Int64Type, zapcore.Int32Type, zapcore.Int16Type, zapcore.Int8Type,
		zapcore.Uint64Type, zapcore.Uint32Type, zapcore.Uint16Type, zapcore.Uint8Type, zapcore.UintptrType:
		return true
	}
	return false
}

// capturer encodes fields, as a zapcore.ObjectEncoder and, within arrays, a
// zapcore.ArrayEncoder, by appending to b.
type capturer struct {
	b []byte
}

var (
	_ zapcore.ObjectEncoder = (*capturer)(nil)
	_ zapcore.ArrayEncoder  = (*capturer)(nil)
)

// captureContext returns ctx followed by fields, captured: the context of a
// logger that With gave fields to, in an array of its own.
func captureContext(ctx []byte, fields []zapcore.Field) []byte {
	c := capturer{b: slices.Clip(ctx)}
	for i := range fields {
		c.field(&fields[i])
	}
	return c.b
}

// entry appends the encoding of ent, the context ctx of its logger (see
// [captureContext]) and fields. It runs the caller's marshalers (objects,
// arrays, stringers, errors), so it must not be called under a lock that
// logging takes.
func (c *capturer) entry(ent zapcore.Entry, ctx []byte, fields []zapcore.Field) {
	c.b = append(c.b, byte(ent.Level))
	c.time(ent.Time)
	c.str(ent.LoggerName)
	c.str(ent.Message)
	if ent.Caller.Defined {
		c.b = append(c.b, 1)
		c.uint(uint64(ent.Caller.PC))
		c.str(ent.Caller.File)
		c.int(int64(ent.Caller.Line))
		c.str(ent.Caller.Function)
	} else {
		c.b = append(c.b, 0)
	}
	c.str(ent.Stack)
	c.bytes(ctx)
	for i := range fields {
		c.field(&fields[i])
	}
	c.b = append(c.b, opEnd)
}

func (c *capturer) uint(v uint64) { c.b = binary.AppendUvarint(c.b, v) }
func (c *capturer) int(v int64)   { c.b = binary.AppendVarint(c.b, v) }

func (c *capturer) str(s string) {
	c.uint(uint64(len(s)))
	c.b = append(c.b, s...)
}

func (c *capturer) bytes(p []byte) {
	c.uint(uint64(len(p)))
	c.b = append(c.b, p...)
}

func (c *capturer) op(op byte, key string) {
	c.b = append(c.b, op)
	c.str(key)
}

// time appends t as its Unix seconds, nanoseconds and location, which
// formats as t does.
func (c *capturer) time(t time.Time) {
	c.int(t.Unix())
	c.uint(uint64(t.Nanosecond()))
	switch loc := t.Location(); loc {
	case time.UTC:
		c.b = append(c.b, locUTC)
	case time.Local:
		c.b = append(c.b, locLocal)
	default:
		name, offset := t.Zone()
		c.b = append(c.b, locFixed)
		c.str(name)
		c.int(int64(offset))
	}
}

// field appends f. The types whose value is in the field itself are
// appended directly; the others are encoded through f.AddTo, as a sink's
// encoder would encode them, including the "<key>Error" field zap adds when
// encoding fails. An error stays an error, so that a slog sink still
// receives one.
func (c *capturer) field(f *zapcore.Field) {
	switch {
	case integerOnly(f.Type):
		c.op(opInteger, f.Key)
		c.b = append(c.b, byte(f.Type))
		c.int(f.Integer)
	case f.Type == zapcore.StringType:
		c.AddString(f.Key, f.String)
	case f.Type == zapcore.TimeType:
		if loc, ok := f.Interface.(*time.Location); ok {
			c.AddTime(f.Key, time.Unix(0, f.Integer).In(loc))
		} else {
			c.AddTime(f.Key, time.Unix(0, f.Integer))
		}
	case f.Type == zapcore.SkipType:
	case f.Type == zapcore.ErrorType && f.Interface != nil:
		if err, ok := f.Interface.(error); ok {
			c.op(opError, f.Key)
			c.error(err)
			return
		}
		f.AddTo(c)
	default:
		f.AddTo(c)
	}
}

// error appends err's text, and its verbose text or its causes: what zap
// encodes of an error.
func (c *capturer) error(err error) {
	msg := errorText(err.Error)
	switch e := err.(type) {
	case interface{ Errors() []error }:
		causes := e.Errors()
		c.b = append(c.b, errGroup)
		c.str(msg)
		n := 0
		for _, cause := range causes {
			if cause != nil {
				n++
			}
		}
		c.uint(uint64(n))
		for _, cause := range causes {
			if cause != nil {
				c.error(cause)
			}
		}
	case fmt.Formatter:
		c.b = append(c.b, errVerbose)
		c.str(msg)
		c.str(errorText(func() string { return fmt.Sprintf("%+v", e) }))
	default:
		c.b = append(c.b, errPlain)
		c.str(msg)
	}
}

// errorText returns text(), recovering from a panic, such as that of a nil
// pointer whose Error method dereferences it.
func errorText(text func() string) (s string) {
	defer func() {
		if p := recover(); p != nil {
			s = fmt.Sprintf("PANIC=%v", p)
		}
	}()
	return text()
}

func (c *capturer) AddArray(key string, m zapcore.ArrayMarshaler) error {
	c.op(opArray, key)
	err := m.MarshalLogArray(c)
	c.b = append(c.b, opEnd)
	return err
}

func (c *capturer) AddObject(key string, m zapcore.ObjectMarshaler) error {
	c.op(opObject, key)
	err := m.MarshalLogObject(c)
	c.b = append(c.b, opEnd)
	return err
}

func (c *capturer) AddReflected(key string, v any) error {
	j, err := freezeReflected(v)
	if err != nil {
		return err
	}
	c.op(opReflected, key)
	c.bytes(j)
	return nil
}

func (c *capturer) integer(key string, t zapcore.FieldType, v int64) {
	c.op(opInteger, key)
	c.b = append(c.b, byte(t))
	c.int(v)
}

func (c *capturer) AddBinary(key string, v []byte) {
	c.op(opBinary, key)
	c.bytes(v)
}

func (c *capturer) AddByteString(key string, v []byte) {
	c.op(opByteString, key)
	c.bytes(v)
}

func (c *capturer) AddBool(key string, v bool) {
	var i int64
	if v {
		i = 1
	}
	c.integer(key, zapcore.BoolType, i)
}

func (c *capturer) AddComplex128(key string, v complex128) {
	c.op(opComplex128, key)
	c.uint(math.Float64bits(real(v)))
	c.uint(math.Float64bits(imag(v)))
}

func (c *capturer) AddComplex64(key string, v complex64) {
	c.op(opComplex64, key)
	c.uint(math.Float64bits(float64(real(v))))
	c.uint(math.Float64bits(float64(imag(v))))
}

func (c *capturer) AddDuration(key string, v time.Duration) {
	c.integer(key, zapcore.DurationType, int64(v))
}
func (c *capturer) AddFloat64(key string, v float64) {
	c.integer(key, zapcore.Float64Type, int64(math.Float64bits(v)))
}
func (c *capturer) AddFloat32(key string, v float32) {
	c.integer(key, zapcore.Float32Type, int64(math.Float32bits(v)))
}
func (c *capturer) AddInt(key string, v int)       { c.integer(key, zapcore.Int64Type, int64(v)) }
func (c *capturer) AddInt64(key string, v int64)   { c.integer(key, zapcore.Int64Type, v) }
func (c *capturer) AddInt32(key string, v int32)   { c.integer(key, zapcore.Int32Type, int64(v)) }
func (c *capturer) AddInt16(key string, v int16)   { c.integer(key, zapcore.Int16Type, int64(v)) }
func (c *capturer) AddInt8(key string, v int8)     { c.integer(key, zapcore.Int8Type, int64(v)) }
func (c *capturer) AddUint(key string, v uint)     { c.integer(key, zapcore.Uint64Type, int64(v)) }
func (c *capturer) AddUint64(key string, v uint64) { c.integer(key, zapcore.Uint64Type, int64(v)) }
func (c *capturer) AddUint32(key string, v uint32) { c.integer(key, zapcore.Uint32Type, int64(v)) }
func (c *capturer) AddUint16(key string, v uint16) { c.integer(key, zapcore.Uint16Type, int64(v)) }
func (c *capturer) AddUint8(key string, v uint8)   { c.integer(key, zapcore.Uint8Type, int64(v)) }
func (c *capturer) AddUintptr(key string, v uintptr) {
	c.integer(key, zapcore.UintptrType, int64(v))
}

func (c *capturer) AddString(key, v string) {
	c.op(opString, key)
	c.str(v)
}

func (c *capturer) AddTime(key string, v time.Time) {
	c.op(opTime, key)
	c.time(v)
}

func (c *capturer) OpenNamespace(key string) { c.op(opNamespace, key) }

// Within an array, elements are fields with no key.

func (c *capturer) AppendArray(m zapcore.ArrayMarshaler) error   { return c.AddArray("", m) }
func (c *capturer) AppendObject(m zapcore.ObjectMarshaler) error { return c.AddObject("", m) }
func (c *capturer) AppendReflected(v any) error                  { return c.AddReflected("", v) }
func (c *capturer) AppendBool(v bool)                            { c.AddBool("", v) }
func (c *capturer) AppendByteString(v []byte)                    { c.AddByteString("", v) }
func (c *capturer) AppendComplex128(v complex128)                { c.AddComplex128("", v) }
func (c *capturer) AppendComplex64(v complex64)                  { c.AddComplex64("", v) }
func (c *capturer) AppendFloat64(v float64)                      { c.AddFloat64("", v) }
func (c *capturer) AppendFloat32(v float32)                      { c.AddFloat32("", v) }
func (c *capturer) AppendInt(v int)                              { c.AddInt("", v) }
func (c *capturer) AppendInt64(v int64)                          { c.AddInt64("", v) }
func (c *capturer) AppendInt32(v int32)                          { c.AddInt32("", v) }
func (c *capturer) AppendInt16(v int16)                          { c.AddInt16("", v) }
func (c *capturer) AppendInt8(v int8)                            { c.AddInt8("", v) }
func (c *capturer) AppendString(v string)                        { c.AddString("", v) }
func (c *capturer) AppendUint(v uint)                            { c.AddUint("", v) }
func (c *capturer) AppendUint64(v uint64)                        { c.AddUint64("", v) }
func (c *capturer) AppendUint32(v uint32)                        { c.AddUint32("", v) }
func (c *capturer) AppendUint16(v uint16)                        { c.AddUint16("", v) }
func (c *capturer) AppendUint8(v uint8)                          { c.AddUint8("", v) }
func (c *capturer) AppendUintptr(v uintptr)                      { c.AddUintptr("", v) }
func (c *capturer) AppendDuration(v time.Duration)               { c.AddDuration("", v) }
func (c *capturer) AppendTime(v time.Time)                       { c.AddTime("", v) }
