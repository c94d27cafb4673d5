package slogcore

import (
	"log/slog"
	"strconv"
	"time"

	"go.uber.org/zap/zapcore"
)

// encoder is a zapcore.ObjectEncoder that collects fields as slog
// attributes, each of its own kind.
type encoder struct {
	attrs []slog.Attr
	// open holds the namespaces opened so far, outermost first: each one's
	// key and the attributes that came before it.
	open []namespace
}

type namespace struct {
	key    string
	before []slog.Attr
}

var _ zapcore.ObjectEncoder = (*encoder)(nil)

// add adds one field. An error keeps its value: zap's own encoding would
// flatten it to its text.
func (e *encoder) add(f zapcore.Field) {
	if f.Type == zapcore.ErrorType {
		if err, ok := f.Interface.(error); ok {
			e.attr(slog.Any(f.Key, err))
			return
		}
	}
	f.AddTo(e)
}

func (e *encoder) attr(a slog.Attr) { e.attrs = append(e.attrs, a) }

// finish closes every open namespace, innermost first, and returns the
// attributes.
func (e *encoder) finish() []slog.Attr {
	for i := len(e.open) - 1; i >= 0; i-- {
		ns := e.open[i]
		e.attrs = append(ns.before, slog.Attr{Key: ns.key, Value: slog.GroupValue(e.attrs...)})
	}
	e.open = nil
	return e.attrs
}

// group encodes an object marshaler as a group value.
func group(m zapcore.ObjectMarshaler) (slog.Value, error) {
	var enc encoder
	err := m.MarshalLogObject(&enc)
	return slog.GroupValue(enc.finish()...), err
}

func (e *encoder) AddObject(key string, m zapcore.ObjectMarshaler) error {
	v, err := group(m)
	e.attr(slog.Attr{Key: key, Value: v})
	return err
}

// AddArray encodes the array with zap's map encoder, which gives each
// element a plain Go value (a map for an object), as a handler expects of
// a slice.
func (e *encoder) AddArray(key string, m zapcore.ArrayMarshaler) error {
	enc := zapcore.NewMapObjectEncoder()
	err := enc.AddArray(key, m)
	e.attr(slog.Any(key, enc.Fields[key]))
	return err
}

func (e *encoder) AddReflected(key string, v any) error {
	e.attr(slog.Any(key, v))
	return nil
}

func (e *encoder) OpenNamespace(key string) {
	e.open = append(e.open, namespace{key: key, before: e.attrs})
	e.attrs = nil
}

func (e *encoder) AddBinary(key string, v []byte)     { e.attr(slog.Any(key, v)) }
func (e *encoder) AddByteString(key string, v []byte) { e.attr(slog.String(key, string(v))) }
func (e *encoder) AddBool(key string, v bool)         { e.attr(slog.Bool(key, v)) }
func (e *encoder) AddComplex128(key string, v complex128) {
	e.attr(slog.String(key, strconv.FormatComplex(v, 'g', -1, 128)))
}
func (e *encoder) AddComplex64(key string, v complex64) {
	e.attr(slog.String(key, strconv.FormatComplex(complex128(v), 'g', -1, 64)))
}
func (e *encoder) AddDuration(key string, v time.Duration) { e.attr(slog.Duration(key, v)) }
func (e *encoder) AddFloat64(key string, v float64)        { e.attr(slog.Float64(key, v)) }
func (e *encoder) AddFloat32(key string, v float32)        { e.attr(slog.Float64(key, float64(v))) }
func (e *encoder) AddInt(key string, v int)                { e.attr(slog.Int(key, v)) }
func (e *encoder) AddInt64(key string, v int64)            { e.attr(slog.Int64(key, v)) }
func (e *encoder) AddInt32(key string, v int32)            { e.attr(slog.Int64(key, int64(v))) }
func (e *encoder) AddInt16(key string, v int16)            { e.attr(slog.Int64(key, int64(v))) }
func (e *encoder) AddInt8(key string, v int8)              { e.attr(slog.Int64(key, int64(v))) }
func (e *encoder) AddString(key, v string)                 { e.attr(slog.String(key, v)) }
func (e *encoder) AddTime(key string, v time.Time)         { e.attr(slog.Time(key, v)) }
func (e *encoder) AddUint(key string, v uint)              { e.attr(slog.Uint64(key, uint64(v))) }
func (e *encoder) AddUint64(key string, v uint64)          { e.attr(slog.Uint64(key, v)) }
func (e *encoder) AddUint32(key string, v uint32)          { e.attr(slog.Uint64(key, uint64(v))) }
func (e *encoder) AddUint16(key string, v uint16)          { e.attr(slog.Uint64(key, uint64(v))) }
func (e *encoder) AddUint8(key string, v uint8)            { e.attr(slog.Uint64(key, uint64(v))) }
func (e *encoder) AddUintptr(key string, v uintptr)        { e.attr(slog.Uint64(key, uint64(v))) }
