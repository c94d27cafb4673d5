package component

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// immutable reports whether f holds its value itself, or refers only to
// values nobody changes: such a field can be recorded as it is. The others
// (objects, arrays, reflected values, stringers, errors, byte slices) are
// frozen: encoded at the time of the call into values of their own.
func immutable(f zapcore.Field) bool {
	switch f.Type {
	case zapcore.BoolType, zapcore.DurationType,
		zapcore.Complex128Type, zapcore.Complex64Type,
		zapcore.Float64Type, zapcore.Float32Type,
		zapcore.Int64Type, zapcore.Int32Type, zapcore.Int16Type, zapcore.Int8Type,
		zapcore.Uint64Type, zapcore.Uint32Type, zapcore.Uint16Type, zapcore.Uint8Type, zapcore.UintptrType,
		zapcore.StringType, zapcore.TimeType, zapcore.TimeFullType, zapcore.NamespaceType:
		return true
	}
	return false
}

// freezeAll returns recordedField followed by fields, frozen.
func freezeAll(fields []zapcore.Field) []zapcore.Field {
	fz := freezer{fields: make([]zapcore.Field, 1, len(fields)+1)}
	fz.fields[0] = recordedField
	for _, f := range fields {
		fz.add(f)
	}
	return fz.fields
}

// sizeOf counts a field against the recorded bytes: the field, its key and
// string, and what a frozen value holds.
func sizeOf(f *zapcore.Field) int {
	n := fieldSize + len(f.Key) + len(f.String)
	switch v := f.Interface.(type) {
	case sized:
		n += v.size()
	case []byte:
		n += len(v)
	}
	return n
}

// sized is implemented by the frozen values.
type sized interface{ size() int }

// freezer is a zapcore.ObjectEncoder that collects what a field encodes as
// fields that refer to nothing mutable.
type freezer struct {
	fields []zapcore.Field
}

var _ zapcore.ObjectEncoder = (*freezer)(nil)

// add adds f, frozen. An error stays an error, so that a slog sink still
// receives one.
func (fz *freezer) add(f zapcore.Field) {
	switch {
	case immutable(f):
		fz.fields = append(fz.fields, f)
		return
	case f.Type == zapcore.SkipType:
		return
	case f.Type == zapcore.ErrorType:
		if err, ok := f.Interface.(error); ok {
			fz.fields = append(fz.fields, zap.NamedError(f.Key, freezeError(err)))
			return
		}
	}
	// AddTo encodes f as the sink would, including the "<key>Error" field
	// it adds when encoding fails.
	f.AddTo(fz)
}

func (fz *freezer) put(f zapcore.Field) { fz.fields = append(fz.fields, f) }

func (fz *freezer) AddArray(key string, m zapcore.ArrayMarshaler) error {
	var a arrayFreezer
	err := m.MarshalLogArray(&a)
	fz.put(zap.Array(key, frozenArray(a.elems)))
	return err
}

func (fz *freezer) AddObject(key string, m zapcore.ObjectMarshaler) error {
	var o freezer
	err := m.MarshalLogObject(&o)
	fz.put(zap.Object(key, frozenObject(o.fields)))
	return err
}

func (fz *freezer) AddReflected(key string, v any) error {
	j, err := freezeReflected(v)
	if err != nil {
		return err
	}
	fz.put(zap.Reflect(key, j))
	return nil
}

func (fz *freezer) AddBinary(key string, v []byte)     { fz.put(zap.Binary(key, bytes.Clone(v))) }
func (fz *freezer) AddByteString(key string, v []byte) { fz.put(zap.String(key, string(v))) }
func (fz *freezer) AddBool(key string, v bool)         { fz.put(zap.Bool(key, v)) }
func (fz *freezer) AddComplex128(key string, v complex128) {
	fz.put(zap.Complex128(key, v))
}
func (fz *freezer) AddComplex64(key string, v complex64) { fz.put(zap.Complex64(key, v)) }
func (fz *freezer) AddDuration(key string, v time.Duration) {
	fz.put(zap.Duration(key, v))
}
func (fz *freezer) AddFloat64(key string, v float64) { fz.put(zap.Float64(key, v)) }
func (fz *freezer) AddFloat32(key string, v float32) { fz.put(zap.Float32(key, v)) }
func (fz *freezer) AddInt(key string, v int)         { fz.put(zap.Int(key, v)) }
func (fz *freezer) AddInt64(key string, v int64)     { fz.put(zap.Int64(key, v)) }
func (fz *freezer) AddInt32(key string, v int32)     { fz.put(zap.Int32(key, v)) }
func (fz *freezer) AddInt16(key string, v int16)     { fz.put(zap.Int16(key, v)) }
func (fz *freezer) AddInt8(key string, v int8)       { fz.put(zap.Int8(key, v)) }
func (fz *freezer) AddString(key, v string)          { fz.put(zap.String(key, v)) }
func (fz *freezer) AddTime(key string, v time.Time)  { fz.put(zap.Time(key, v)) }
func (fz *freezer) AddUint(key string, v uint)       { fz.put(zap.Uint(key, v)) }
func (fz *freezer) AddUint64(key string, v uint64)   { fz.put(zap.Uint64(key, v)) }
func (fz *freezer) AddUint32(key string, v uint32)   { fz.put(zap.Uint32(key, v)) }
func (fz *freezer) AddUint16(key string, v uint16)   { fz.put(zap.Uint16(key, v)) }
func (fz *freezer) AddUint8(key string, v uint8)     { fz.put(zap.Uint8(key, v)) }
func (fz *freezer) AddUintptr(key string, v uintptr) { fz.put(zap.Uintptr(key, v)) }
func (fz *freezer) OpenNamespace(key string)         { fz.put(zap.Namespace(key)) }

// frozenObject is an object encoded at the time of the call: its fields.
type frozenObject []zapcore.Field

func (o frozenObject) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	for _, f := range o {
		f.AddTo(enc)
	}
	return nil
}

func (o frozenObject) size() int {
	n := 0
	for i := range o {
		n += sizeOf(&o[i])
	}
	return n
}

// arrayFreezer is a zapcore.ArrayEncoder that collects the elements of an
// array as fields with no key, frozen.
type arrayFreezer struct {
	elems []zapcore.Field
}

var _ zapcore.ArrayEncoder = (*arrayFreezer)(nil)

func (a *arrayFreezer) put(f zapcore.Field) { a.elems = append(a.elems, f) }

func (a *arrayFreezer) AppendArray(m zapcore.ArrayMarshaler) error {
	var in arrayFreezer
	err := m.MarshalLogArray(&in)
	a.put(zap.Array("", frozenArray(in.elems)))
	return err
}

func (a *arrayFreezer) AppendObject(m zapcore.ObjectMarshaler) error {
	var o freezer
	err := m.MarshalLogObject(&o)
	a.put(zap.Object("", frozenObject(o.fields)))
	return err
}

func (a *arrayFreezer) AppendReflected(v any) error {
	j, err := freezeReflected(v)
	if err != nil {
		return err
	}
	a.put(zap.Reflect("", j))
	return nil
}

func (a *arrayFreezer) AppendBool(v bool)              { a.put(zap.Bool("", v)) }
func (a *arrayFreezer) AppendByteString(v []byte)      { a.put(zap.String("", string(v))) }
func (a *arrayFreezer) AppendComplex128(v complex128)  { a.put(zap.Complex128("", v)) }
func (a *arrayFreezer) AppendComplex64(v complex64)    { a.put(zap.Complex64("", v)) }
func (a *arrayFreezer) AppendFloat64(v float64)        { a.put(zap.Float64("", v)) }
func (a *arrayFreezer) AppendFloat32(v float32)        { a.put(zap.Float32("", v)) }
func (a *arrayFreezer) AppendInt(v int)                { a.put(zap.Int("", v)) }
func (a *arrayFreezer) AppendInt64(v int64)            { a.put(zap.Int64("", v)) }
func (a *arrayFreezer) AppendInt32(v int32)            { a.put(zap.Int32("", v)) }
func (a *arrayFreezer) AppendInt16(v int16)            { a.put(zap.Int16("", v)) }
func (a *arrayFreezer) AppendInt8(v int8)              { a.put(zap.Int8("", v)) }
func (a *arrayFreezer) AppendString(v string)          { a.put(zap.String("", v)) }
func (a *arrayFreezer) AppendUint(v uint)              { a.put(zap.Uint("", v)) }
func (a *arrayFreezer) AppendUint64(v uint64)          { a.put(zap.Uint64("", v)) }
func (a *arrayFreezer) AppendUint32(v uint32)          { a.put(zap.Uint32("", v)) }
func (a *arrayFreezer) AppendUint16(v uint16)          { a.put(zap.Uint16("", v)) }
func (a *arrayFreezer) AppendUint8(v uint8)            { a.put(zap.Uint8("", v)) }
func (a *arrayFreezer) AppendUintptr(v uintptr)        { a.put(zap.Uintptr("", v)) }
func (a *arrayFreezer) AppendDuration(v time.Duration) { a.put(zap.Duration("", v)) }
func (a *arrayFreezer) AppendTime(v time.Time)         { a.put(zap.Time("", v)) }

// frozenArray is an array encoded at the time of the call: its elements,
// as fields with no key.
type frozenArray []zapcore.Field

func (fa frozenArray) MarshalLogArray(enc zapcore.ArrayEncoder) error {
	to := appender{enc}
	for _, f := range fa {
		f.AddTo(to)
	}
	return nil
}

func (fa frozenArray) size() int { return frozenObject(fa).size() }

// appender turns the Add calls of a keyless field into the Append calls of
// an array element.
type appender struct{ enc zapcore.ArrayEncoder }

func (a appender) AddArray(_ string, m zapcore.ArrayMarshaler) error   { return a.enc.AppendArray(m) }
func (a appender) AddObject(_ string, m zapcore.ObjectMarshaler) error { return a.enc.AppendObject(m) }
func (a appender) AddReflected(_ string, v any) error                  { return a.enc.AppendReflected(v) }
func (a appender) AddBinary(_ string, v []byte)                        { a.enc.AppendByteString(v) }
func (a appender) AddByteString(_ string, v []byte)                    { a.enc.AppendByteString(v) }
func (a appender) AddBool(_ string, v bool)                            { a.enc.AppendBool(v) }
func (a appender) AddComplex128(_ string, v complex128)                { a.enc.AppendComplex128(v) }
func (a appender) AddComplex64(_ string, v complex64)                  { a.enc.AppendComplex64(v) }
func (a appender) AddDuration(_ string, v time.Duration)               { a.enc.AppendDuration(v) }
func (a appender) AddFloat64(_ string, v float64)                      { a.enc.AppendFloat64(v) }
func (a appender) AddFloat32(_ string, v float32)                      { a.enc.AppendFloat32(v) }
func (a appender) AddInt(_ string, v int)                              { a.enc.AppendInt(v) }
func (a appender) AddInt64(_ string, v int64)                          { a.enc.AppendInt64(v) }
func (a appender) AddInt32(_ string, v int32)                          { a.enc.AppendInt32(v) }
func (a appender) AddInt16(_ string, v int16)                          { a.enc.AppendInt16(v) }
func (a appender) AddInt8(_ string, v int8)                            { a.enc.AppendInt8(v) }
func (a appender) AddString(_ string, v string)                        { a.enc.AppendString(v) }
func (a appender) AddTime(_ string, v time.Time)                       { a.enc.AppendTime(v) }
func (a appender) AddUint(_ string, v uint)                            { a.enc.AppendUint(v) }
func (a appender) AddUint64(_ string, v uint64)                        { a.enc.AppendUint64(v) }
func (a appender) AddUint32(_ string, v uint32)                        { a.enc.AppendUint32(v) }
func (a appender) AddUint16(_ string, v uint16)                        { a.enc.AppendUint16(v) }
func (a appender) AddUint8(_ string, v uint8)                          { a.enc.AppendUint8(v) }
func (a appender) AddUintptr(_ string, v uintptr)                      { a.enc.AppendUintptr(v) }
func (a appender) OpenNamespace(string)                                {}

// frozenJSON is a reflected value encoded as JSON at the time of the call,
// as zap's JSON encoder would encode it. It encodes as itself in JSON, and
// as its JSON text where text is wanted (a slog TextHandler).
type frozenJSON []byte

func (j frozenJSON) MarshalJSON() ([]byte, error) { return j, nil }
func (j frozenJSON) MarshalText() ([]byte, error) { return j, nil }
func (j frozenJSON) size() int                    { return len(j) }

// freezeReflected encodes v as zap's default reflected encoder does: JSON
// without HTML escaping.
func freezeReflected(v any) (frozenJSON, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return frozenJSON(bytes.TrimSuffix(b.Bytes(), []byte("\n"))), nil
}

// freezeError returns an error whose text, verbose text (%+v) and causes
// are err's at the time of the call: what zap encodes of an error.
func freezeError(err error) error {
	msg := errorText(err.Error)
	switch e := err.(type) {
	case interface{ Errors() []error }:
		causes := e.Errors()
		frozen := make([]error, 0, len(causes))
		for _, c := range causes {
			if c != nil {
				frozen = append(frozen, freezeError(c))
			}
		}
		return &frozenGroup{msg: msg, errs: frozen}
	case fmt.Formatter:
		return &frozenVerbose{msg: msg, verbose: errorText(func() string { return fmt.Sprintf("%+v", e) })}
	}
	return &frozenError{msg: msg}
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

type frozenError struct{ msg string }

func (e *frozenError) Error() string { return e.msg }
func (e *frozenError) size() int     { return len(e.msg) }

type frozenVerbose struct{ msg, verbose string }

func (e *frozenVerbose) Error() string { return e.msg }
func (e *frozenVerbose) size() int     { return len(e.msg) + len(e.verbose) }

// Format writes the verbose text for %+v, and the text otherwise.
func (e *frozenVerbose) Format(s fmt.State, verb rune) {
	if verb == 'v' && s.Flag('+') {
		io.WriteString(s, e.verbose)
		return
	}
	io.WriteString(s, e.msg)
}

type frozenGroup struct {
	msg  string
	errs []error
}

func (e *frozenGroup) Error() string   { return e.msg }
func (e *frozenGroup) Errors() []error { return e.errs }
func (e *frozenGroup) size() int {
	n := len(e.msg)
	for _, c := range e.errs {
		n += fieldSize
		if s, ok := c.(sized); ok {
			n += s.size()
		}
	}
	return n
}
