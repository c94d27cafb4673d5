package component

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"go.uber.org/zap/zapcore"
)

// redactObject wraps an object logged with zap.Object, zap.Inline or
// zap.Dict, so that its encoding goes through a redactEncoder: the keys
// inside it are matched at any depth. The object is encoded when the entry
// is, or, for an entry recorded, when it is captured; never before
// redaction.
type redactObject struct {
	m   zapcore.ObjectMarshaler
	r   *Redactor
	all bool // every value in it is secret
}

func (o redactObject) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	return o.m.MarshalLogObject(&redactEncoder{enc: enc, r: o.r, all: o.all})
}

// redactArray is redactObject for arrays.
type redactArray struct {
	m   zapcore.ArrayMarshaler
	r   *Redactor
	all bool
}

func (a redactArray) MarshalLogArray(enc zapcore.ArrayEncoder) error {
	return a.m.MarshalLogArray(&redactArrayEncoder{enc: enc, r: a.r, all: a.all})
}

// redactEncoder is a zapcore.ObjectEncoder that redacts what it is given
// before passing it on to enc.
type redactEncoder struct {
	enc zapcore.ObjectEncoder
	r   *Redactor
	all bool // every value is secret: within a secret key, or after a secret namespace
}

var _ zapcore.ObjectEncoder = (*redactEncoder)(nil)

// hides returns what key's match says of its value.
func (e *redactEncoder) hides(key string) match {
	if m := e.r.keys.match(key); m != noMatch {
		return m
	}
	if e.all {
		return secretKey
	}
	return noMatch
}

func (e *redactEncoder) secret(key, text string, m match) {
	e.enc.AddString(key, e.r.secretString(text, m))
}

func (e *redactEncoder) AddString(key, v string) {
	if m := e.hides(key); m != noMatch {
		if !isRedacted(v) {
			v = e.r.secretString(v, m)
		}
	} else if s, ok := e.r.scan(v); ok {
		v = s
	}
	e.enc.AddString(key, v)
}

func (e *redactEncoder) AddByteString(key string, v []byte) {
	if m := e.hides(key); m != noMatch {
		e.secret(key, string(v), m)
		return
	}
	if s, ok := e.r.scan(string(v)); ok {
		e.enc.AddString(key, s)
		return
	}
	e.enc.AddByteString(key, v)
}

func (e *redactEncoder) AddBinary(key string, v []byte) {
	if m := e.hides(key); m != noMatch {
		e.secret(key, base64.StdEncoding.EncodeToString(v), m)
		return
	}
	e.enc.AddBinary(key, v)
}

func (e *redactEncoder) AddArray(key string, a zapcore.ArrayMarshaler) error {
	return e.enc.AddArray(key, redactArray{m: a, r: e.r, all: e.hides(key) != noMatch})
}

func (e *redactEncoder) AddObject(key string, o zapcore.ObjectMarshaler) error {
	return e.enc.AddObject(key, redactObject{m: o, r: e.r, all: e.hides(key) != noMatch})
}

func (e *redactEncoder) AddReflected(key string, v any) error {
	if out, ok := e.r.reflected(v, e.hides(key) != noMatch); ok {
		v = out
	}
	return e.enc.AddReflected(key, v)
}

func (e *redactEncoder) OpenNamespace(key string) {
	e.enc.OpenNamespace(key)
	if e.r.keys.match(key) != noMatch {
		e.all = true
	}
}

func (e *redactEncoder) AddBool(key string, v bool) {
	if m := e.hides(key); m != noMatch {
		e.secret(key, strconv.FormatBool(v), m)
		return
	}
	e.enc.AddBool(key, v)
}

func (e *redactEncoder) AddComplex128(key string, v complex128) {
	if m := e.hides(key); m != noMatch {
		e.secret(key, strconv.FormatComplex(v, 'g', -1, 128), m)
		return
	}
	e.enc.AddComplex128(key, v)
}

func (e *redactEncoder) AddComplex64(key string, v complex64) {
	if m := e.hides(key); m != noMatch {
		e.secret(key, strconv.FormatComplex(complex128(v), 'g', -1, 64), m)
		return
	}
	e.enc.AddComplex64(key, v)
}

func (e *redactEncoder) AddDuration(key string, v time.Duration) {
	if m := e.hides(key); m != noMatch {
		e.secret(key, v.String(), m)
		return
	}
	e.enc.AddDuration(key, v)
}

func (e *redactEncoder) AddFloat64(key string, v float64) {
	if m := e.hides(key); m != noMatch {
		e.secret(key, strconv.FormatFloat(v, 'g', -1, 64), m)
		return
	}
	e.enc.AddFloat64(key, v)
}

func (e *redactEncoder) AddFloat32(key string, v float32) {
	if m := e.hides(key); m != noMatch {
		e.secret(key, strconv.FormatFloat(float64(v), 'g', -1, 32), m)
		return
	}
	e.enc.AddFloat32(key, v)
}

func (e *redactEncoder) AddInt(key string, v int)     { e.AddInt64(key, int64(v)) }
func (e *redactEncoder) AddInt32(key string, v int32) { e.AddInt64(key, int64(v)) }
func (e *redactEncoder) AddInt16(key string, v int16) { e.AddInt64(key, int64(v)) }
func (e *redactEncoder) AddInt8(key string, v int8)   { e.AddInt64(key, int64(v)) }

func (e *redactEncoder) AddInt64(key string, v int64) {
	if m := e.hides(key); m != noMatch {
		e.secret(key, strconv.FormatInt(v, 10), m)
		return
	}
	e.enc.AddInt64(key, v)
}

func (e *redactEncoder) AddUint(key string, v uint)       { e.AddUint64(key, uint64(v)) }
func (e *redactEncoder) AddUint32(key string, v uint32)   { e.AddUint64(key, uint64(v)) }
func (e *redactEncoder) AddUint16(key string, v uint16)   { e.AddUint64(key, uint64(v)) }
func (e *redactEncoder) AddUint8(key string, v uint8)     { e.AddUint64(key, uint64(v)) }
func (e *redactEncoder) AddUintptr(key string, v uintptr) { e.AddUint64(key, uint64(v)) }

func (e *redactEncoder) AddUint64(key string, v uint64) {
	if m := e.hides(key); m != noMatch {
		e.secret(key, strconv.FormatUint(v, 10), m)
		return
	}
	e.enc.AddUint64(key, v)
}

func (e *redactEncoder) AddTime(key string, v time.Time) {
	if m := e.hides(key); m != noMatch {
		e.secret(key, v.Format(time.RFC3339Nano), m)
		return
	}
	e.enc.AddTime(key, v)
}

// redactArrayEncoder is a zapcore.ArrayEncoder that redacts what it is
// given before passing it on to enc. Elements have no key: in an array
// that is not secret as a whole, only strings scanned for credentials and
// the objects, arrays and maps in it change.
type redactArrayEncoder struct {
	enc zapcore.ArrayEncoder
	r   *Redactor
	all bool
}

var _ zapcore.ArrayEncoder = (*redactArrayEncoder)(nil)

func (a *redactArrayEncoder) secret(text string) {
	a.enc.AppendString(a.r.secretString(text, secretKey))
}

func (a *redactArrayEncoder) AppendString(v string) {
	switch {
	case a.all:
		if !isRedacted(v) {
			v = a.r.secretString(v, secretKey)
		}
	default:
		if s, ok := a.r.scan(v); ok {
			v = s
		}
	}
	a.enc.AppendString(v)
}

func (a *redactArrayEncoder) AppendByteString(v []byte) {
	switch {
	case a.all:
		a.secret(string(v))
	default:
		if s, ok := a.r.scan(string(v)); ok {
			a.enc.AppendString(s)
			return
		}
		a.enc.AppendByteString(v)
	}
}

func (a *redactArrayEncoder) AppendArray(m zapcore.ArrayMarshaler) error {
	return a.enc.AppendArray(redactArray{m: m, r: a.r, all: a.all})
}

func (a *redactArrayEncoder) AppendObject(m zapcore.ObjectMarshaler) error {
	return a.enc.AppendObject(redactObject{m: m, r: a.r, all: a.all})
}

func (a *redactArrayEncoder) AppendReflected(v any) error {
	if out, ok := a.r.reflected(v, a.all); ok {
		v = out
	}
	return a.enc.AppendReflected(v)
}

func (a *redactArrayEncoder) AppendBool(v bool) {
	if a.all {
		a.secret(strconv.FormatBool(v))
		return
	}
	a.enc.AppendBool(v)
}

func (a *redactArrayEncoder) AppendComplex128(v complex128) {
	if a.all {
		a.secret(strconv.FormatComplex(v, 'g', -1, 128))
		return
	}
	a.enc.AppendComplex128(v)
}

func (a *redactArrayEncoder) AppendComplex64(v complex64) {
	if a.all {
		a.secret(strconv.FormatComplex(complex128(v), 'g', -1, 64))
		return
	}
	a.enc.AppendComplex64(v)
}

func (a *redactArrayEncoder) AppendDuration(v time.Duration) {
	if a.all {
		a.secret(v.String())
		return
	}
	a.enc.AppendDuration(v)
}

func (a *redactArrayEncoder) AppendFloat64(v float64) {
	if a.all {
		a.secret(strconv.FormatFloat(v, 'g', -1, 64))
		return
	}
	a.enc.AppendFloat64(v)
}

func (a *redactArrayEncoder) AppendFloat32(v float32) {
	if a.all {
		a.secret(strconv.FormatFloat(float64(v), 'g', -1, 32))
		return
	}
	a.enc.AppendFloat32(v)
}

func (a *redactArrayEncoder) AppendInt(v int)     { a.AppendInt64(int64(v)) }
func (a *redactArrayEncoder) AppendInt32(v int32) { a.AppendInt64(int64(v)) }
func (a *redactArrayEncoder) AppendInt16(v int16) { a.AppendInt64(int64(v)) }
func (a *redactArrayEncoder) AppendInt8(v int8)   { a.AppendInt64(int64(v)) }

func (a *redactArrayEncoder) AppendInt64(v int64) {
	if a.all {
		a.secret(strconv.FormatInt(v, 10))
		return
	}
	a.enc.AppendInt64(v)
}

func (a *redactArrayEncoder) AppendUint(v uint)       { a.AppendUint64(uint64(v)) }
func (a *redactArrayEncoder) AppendUint32(v uint32)   { a.AppendUint64(uint64(v)) }
func (a *redactArrayEncoder) AppendUint16(v uint16)   { a.AppendUint64(uint64(v)) }
func (a *redactArrayEncoder) AppendUint8(v uint8)     { a.AppendUint64(uint64(v)) }
func (a *redactArrayEncoder) AppendUintptr(v uintptr) { a.AppendUint64(uint64(v)) }

func (a *redactArrayEncoder) AppendUint64(v uint64) {
	if a.all {
		a.secret(strconv.FormatUint(v, 10))
		return
	}
	a.enc.AppendUint64(v)
}

func (a *redactArrayEncoder) AppendTime(v time.Time) {
	if a.all {
		a.secret(v.Format(time.RFC3339Nano))
		return
	}
	a.enc.AppendTime(v)
}

// fieldText returns the text of a field's scalar value, what its
// fingerprint is computed from: a number in decimal, a time in RFC 3339,
// an error its message, and anything else its JSON.
func fieldText(f zapcore.Field) string {
	switch f.Type {
	case zapcore.StringType:
		return f.String
	case zapcore.ByteStringType:
		if b, ok := f.Interface.([]byte); ok {
			return string(b)
		}
	case zapcore.BinaryType:
		if b, ok := f.Interface.([]byte); ok {
			return base64.StdEncoding.EncodeToString(b)
		}
	case zapcore.BoolType:
		return strconv.FormatBool(f.Integer == 1)
	case zapcore.Int64Type, zapcore.Int32Type, zapcore.Int16Type, zapcore.Int8Type:
		return strconv.FormatInt(f.Integer, 10)
	case zapcore.Uint64Type, zapcore.Uint32Type, zapcore.Uint16Type, zapcore.Uint8Type, zapcore.UintptrType:
		return strconv.FormatUint(uint64(f.Integer), 10)
	case zapcore.DurationType:
		return time.Duration(f.Integer).String()
	case zapcore.ErrorType:
		if err, ok := f.Interface.(error); ok {
			return errorText(err.Error)
		}
	case zapcore.StringerType:
		if s, ok := f.Interface.(fmt.Stringer); ok {
			return errorText(s.String)
		}
	}
	// The rest (floats, complex numbers, times) as zap would encode them.
	enc := zapcore.NewMapObjectEncoder()
	f.AddTo(enc)
	b, err := json.Marshal(enc.Fields[f.Key])
	if err != nil {
		return fmt.Sprint(enc.Fields[f.Key])
	}
	return string(b)
}
