package component

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"go.uber.org/zap/zapcore"
)

// The values that replay builds of what capture encoded: objects, arrays,
// reflected values and errors as they were at the time of the call.

// frozenObject is an object encoded at the time of the call: its fields.
type frozenObject []zapcore.Field

func (o frozenObject) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	for _, f := range o {
		f.AddTo(enc)
	}
	return nil
}

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

type frozenError struct{ msg string }

func (e *frozenError) Error() string { return e.msg }

type frozenVerbose struct{ msg, verbose string }

func (e *frozenVerbose) Error() string { return e.msg }

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
