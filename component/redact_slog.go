package component

import (
	"log/slog"
	"strconv"
	"time"
)

// attr returns a redacted, and whether it changed. all says that a is
// part of a secret value, as the attributes of a group with a secret key
// are. A LogValuer is resolved, and counts as a change, so that the
// handler after this one does not call its LogValue a second time; a
// SecretValue becomes its fingerprint.
func (r *Redactor) attr(a slog.Attr, all bool) (slog.Attr, bool) {
	v := a.Value
	changed := false
	if v.Kind() == slog.KindLogValuer {
		if s, ok := v.Any().(secretValue); ok {
			return slog.String(a.Key, r.secretString(string(s), r.keys.match(a.Key))), true
		}
		v, changed = v.Resolve(), true
	}
	m := r.keys.match(a.Key)
	if m == noMatch && all {
		m = secretKey
	}
	switch v.Kind() {
	case slog.KindGroup:
		if g, ok := r.group(v.Group(), m != noMatch); ok {
			return slog.Attr{Key: a.Key, Value: slog.GroupValue(g...)}, true
		}
	case slog.KindString:
		s := v.String()
		switch {
		case m != noMatch:
			if !isRedacted(s) {
				return slog.String(a.Key, r.secretString(s, m)), true
			}
		default:
			if out, ok := r.scan(s); ok {
				return slog.String(a.Key, out), true
			}
		}
	case slog.KindAny:
		x := v.Any()
		if _, isErr := x.(error); isErr && m != noMatch {
			return slog.String(a.Key, r.secretString(errorText(x.(error).Error), m)), true
		}
		if out, ok := r.reflected(x, m != noMatch); ok {
			return slog.Any(a.Key, out), true
		}
	default:
		if m != noMatch {
			return slog.String(a.Key, r.secretString(valueText(v), m)), true
		}
	}
	return slog.Attr{Key: a.Key, Value: v}, changed
}

// group returns attrs redacted, and whether any changed; a copy if so.
func (r *Redactor) group(attrs []slog.Attr, all bool) ([]slog.Attr, bool) {
	var out []slog.Attr
	for i, a := range attrs {
		b, ok := r.attr(a, all)
		if ok && out == nil {
			out = make([]slog.Attr, len(attrs))
			copy(out, attrs[:i])
		}
		if out != nil {
			out[i] = b
		}
	}
	return out, out != nil
}

// attrs returns attrs redacted: attrs itself if none changed.
func (r *Redactor) attrs(attrs []slog.Attr, all bool) []slog.Attr {
	if out, ok := r.group(attrs, all); ok {
		return out
	}
	return attrs
}

// record returns rec with its attributes redacted: rec itself if none
// changed, so that the common case copies nothing.
func (r *Redactor) record(rec slog.Record, all bool) slog.Record {
	var buf [8]slog.Attr
	attrs := buf[:0]
	changed := false
	rec.Attrs(func(a slog.Attr) bool {
		b, ok := r.attr(a, all)
		attrs = append(attrs, b)
		changed = changed || ok
		return true
	})
	if !changed {
		return rec
	}
	out := slog.NewRecord(rec.Time, rec.Level, rec.Message, rec.PC)
	out.AddAttrs(attrs...)
	return out
}

// valueText returns the text of a scalar slog value: what its fingerprint
// is computed from, as fieldText does for zap fields.
func valueText(v slog.Value) string {
	switch v.Kind() {
	case slog.KindInt64:
		return strconv.FormatInt(v.Int64(), 10)
	case slog.KindUint64:
		return strconv.FormatUint(v.Uint64(), 10)
	case slog.KindTime:
		return v.Time().Format(time.RFC3339Nano)
	}
	return v.String()
}
