package component

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"time"
	"unsafe"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// sink is where a recorded entry goes: the core that writes it, once
// given the entry's context. Its implementations are pointers, so that
// sinks compare without a panic, and shared by the loggers of a
// component, so that a ring keeps few alive.
type sink interface {
	sinkCore() zapcore.Core
}

// writeOut writes the entries of r with write, oldest first, each through
// its sink with the context it was captured with, and recordedField before
// its own fields. r must not change meanwhile: the entries' strings are
// r's bytes.
func (r *ring) writeOut(write func(zapcore.Core, zapcore.Entry, []zapcore.Field)) {
	var w contextWriter
	fields := make([]zapcore.Field, 0, 16)
	for i := range r.n {
		b, s := r.entry(i)
		ent, ctx, fs := replay(b, append(fields[:0], recordedField))
		write(w.core(s, ctx), ent, fs)
		clear(fs)
		fields = fs
	}
}

// contextWriter gives the recorded entries of a flush their cores: each
// entry's sink, with the context of its logger, made once for a run of
// entries with the same sink and context.
type contextWriter struct {
	sink sink
	ctx  []byte
	with zapcore.Core
}

func (w *contextWriter) core(s sink, ctx []byte) zapcore.Core {
	if len(ctx) == 0 {
		return s.sinkCore()
	}
	if s != w.sink || !bytes.Equal(ctx, w.ctx) {
		w.sink, w.ctx = s, ctx
		w.with = s.sinkCore().With(replayContext(ctx))
	}
	return w.with
}

// replayer decodes captured bytes. Its strings and byte slices point into
// b, which must not change while what it returns is in use.
type replayer struct {
	b []byte
}

// replay decodes the captured entry b, appending its fields to fields. It
// returns the entry, the bytes of its context (see [replayContext]) and
// the fields.
func replay(b []byte, fields []zapcore.Field) (zapcore.Entry, []byte, []zapcore.Field) {
	r := replayer{b: b}
	var ent zapcore.Entry
	ent.Level = zapcore.Level(int8(r.byte()))
	ent.Time = r.time()
	ent.LoggerName = r.str()
	ent.Message = r.str()
	if r.byte() == 1 {
		ent.Caller.Defined = true
		ent.Caller.PC = uintptr(r.uint())
		ent.Caller.File = r.str()
		ent.Caller.Line = int(r.int())
		ent.Caller.Function = r.str()
	}
	ent.Stack = r.str()
	ctx := r.bytes()
	fields = r.fields(fields)
	return ent, ctx, fields
}

// replayContext decodes the context of a captured entry.
func replayContext(ctx []byte) []zapcore.Field {
	r := replayer{b: ctx}
	return r.fields(nil)
}

func (r *replayer) byte() byte {
	v := r.b[0]
	r.b = r.b[1:]
	return v
}

func (r *replayer) uint() uint64 {
	v, n := binary.Uvarint(r.b)
	r.b = r.b[n:]
	return v
}

func (r *replayer) int() int64 {
	v, n := binary.Varint(r.b)
	r.b = r.b[n:]
	return v
}

func (r *replayer) bytes() []byte {
	n := r.uint()
	p := r.b[:n:n]
	r.b = r.b[n:]
	return p
}

func (r *replayer) str() string {
	p := r.bytes()
	if len(p) == 0 {
		return ""
	}
	return unsafe.String(&p[0], len(p))
}

func (r *replayer) time() time.Time {
	sec, nsec := r.int(), r.uint()
	t := time.Unix(sec, int64(nsec))
	switch r.byte() {
	case locUTC:
		return t.UTC()
	case locLocal:
		return t.Local()
	default:
		name := r.str()
		return t.In(time.FixedZone(name, int(r.int())))
	}
}

// fields appends the fields up to the next opEnd, or to the end of the
// bytes, to fs.
func (r *replayer) fields(fs []zapcore.Field) []zapcore.Field {
	for len(r.b) > 0 {
		op := r.byte()
		if op == opEnd {
			return fs
		}
		key := r.str()
		var f zapcore.Field
		switch op {
		case opInteger:
			f = zapcore.Field{Key: key, Type: zapcore.FieldType(r.byte()), Integer: r.int()}
		case opString:
			f = zap.String(key, r.str())
		case opNamespace:
			f = zap.Namespace(key)
		case opTime:
			f = zap.Time(key, r.time())
		case opComplex128:
			re, im := math.Float64frombits(r.uint()), math.Float64frombits(r.uint())
			f = zap.Complex128(key, complex(re, im))
		case opComplex64:
			re, im := math.Float64frombits(r.uint()), math.Float64frombits(r.uint())
			f = zap.Complex64(key, complex64(complex(re, im)))
		case opBinary:
			f = zap.Binary(key, r.bytes())
		case opByteString:
			f = zap.ByteString(key, r.bytes())
		case opReflected:
			f = zap.Reflect(key, frozenJSON(r.bytes()))
		case opObject:
			f = zap.Object(key, frozenObject(r.fields(nil)))
		case opArray:
			f = zap.Array(key, frozenArray(r.fields(nil)))
		case opError:
			f = zap.NamedError(key, r.error())
		default:
			panic(fmt.Sprintf("component: captured field with op %d", op))
		}
		fs = append(fs, f)
	}
	return fs
}

func (r *replayer) error() error {
	switch r.byte() {
	case errGroup:
		msg := r.str()
		causes := make([]error, r.uint())
		for i := range causes {
			causes[i] = r.error()
		}
		return &frozenGroup{msg: msg, errs: causes}
	case errVerbose:
		return &frozenVerbose{msg: r.str(), verbose: r.str()}
	default:
		return &frozenError{msg: r.str()}
	}
}
