package component

import (
	"encoding/json"
	"fmt"
	"reflect"
)

// maxRedactDepth bounds how deep reflected maps and slices are walked. A
// value deeper than that, such as a map that holds itself, is written as
// "[redacted]": encoding it would have failed or gone on forever anyway.
const maxRedactDepth = 32

// tooDeep stands in for a value beyond maxRedactDepth.
const tooDeep = "[redacted]"

// reflected returns v, a value logged with zap.Any, zap.Reflect or as a slog
// attribute of kind Any, with its secrets redacted, and whether anything
// changed; v itself if nothing did. Maps are walked at any depth, their
// keys matched as field keys are, so an http.Header or a
// map[string]string of form values is redacted entry by entry. all says
// that v as a whole is secret: every value in it is fingerprinted, and a
// struct, which is not walked, becomes the fingerprint of its JSON.
//
// Only maps, slices, arrays, pointers and interfaces are looked into; a
// struct is encoded by encoding/json as it is. Give a struct with secret
// fields a MarshalLogObject method, or log its secrets with Secret.
func (r *Redactor) reflected(v any, all bool) (any, bool) {
	if v == nil || !all && !r.nested {
		return v, false
	}
	return r.walk(reflect.ValueOf(v), all, 0)
}

func (r *Redactor) walk(v reflect.Value, all bool, depth int) (any, bool) {
	if depth > maxRedactDepth {
		return tooDeep, true
	}
	switch v.Kind() {
	case reflect.Invalid:
		return nil, false
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil, false
		}
		return r.walk(v.Elem(), all, depth+1)
	case reflect.Map:
		return r.walkMap(v, all, depth)
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			break // []byte: JSON writes it in base64, as one value
		}
		return r.walkSlice(v, all, depth)
	case reflect.String:
		s := v.String()
		if all {
			if isRedacted(s) {
				return s, false
			}
			return r.secretString(s, secretKey), true
		}
		if out, ok := r.scan(s); ok {
			return out, true
		}
		return nil, false
	}
	if !all {
		return nil, false
	}
	return r.secretString(jsonText(v), secretKey), true
}

// walkMap walks the entries of a map; it builds a map[string]any, which
// encoding/json writes as it would the original, only if an entry changed.
func (r *Redactor) walkMap(v reflect.Value, all bool, depth int) (any, bool) {
	type change struct {
		key string
		val any
	}
	var changes []change
	keyed := v.Type().Key().Kind() == reflect.String
	for it := v.MapRange(); it.Next(); {
		m := noMatch
		if keyed {
			m = r.keys.match(it.Key().String())
		}
		val := it.Value()
		if m == authHeader {
			if out, ok := r.authValue(val); ok {
				changes = append(changes, change{mapKey(it.Key()), out})
				continue
			}
		}
		if out, ok := r.walk(val, all || m != noMatch, depth+1); ok {
			changes = append(changes, change{mapKey(it.Key()), out})
		}
	}
	if len(changes) == 0 {
		return v.Interface(), false
	}
	out := make(map[string]any, v.Len())
	for it := v.MapRange(); it.Next(); {
		out[mapKey(it.Key())] = it.Value().Interface()
	}
	for _, c := range changes {
		out[c.key] = c.val
	}
	return out, true
}

// authValue redacts the value of an HTTP credential header in a map: a
// string, or the []string of an http.Header, each keeping its scheme.
func (r *Redactor) authValue(v reflect.Value) (any, bool) {
	for v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	switch {
	case v.Kind() == reflect.String:
		if isRedacted(v.String()) {
			return nil, false
		}
		return r.secretString(v.String(), authHeader), true
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.String:
		out := make([]string, v.Len())
		changed := false
		for i := range out {
			s := v.Index(i).String()
			if out[i] = s; !isRedacted(s) {
				out[i], changed = r.secretString(s, authHeader), true
			}
		}
		return out, changed
	}
	return nil, false
}

// mapKey returns a map key as encoding/json writes it.
func mapKey(k reflect.Value) string {
	if k.Kind() == reflect.String {
		return k.String()
	}
	return fmt.Sprint(k.Interface())
}

// walkSlice walks the elements of a slice or an array; it builds a []any
// only if an element changed.
func (r *Redactor) walkSlice(v reflect.Value, all bool, depth int) (any, bool) {
	var out []any
	for i := range v.Len() {
		e, ok := r.walk(v.Index(i), all, depth+1)
		if ok && out == nil {
			out = make([]any, v.Len())
			for j := range i {
				out[j] = v.Index(j).Interface()
			}
		}
		if out != nil {
			if !ok {
				e = v.Index(i).Interface()
			}
			out[i] = e
		}
	}
	if out == nil {
		if v.CanInterface() {
			return v.Interface(), false
		}
		return nil, false
	}
	return out, true
}

// jsonText returns the JSON of v, or its %v form if it has none.
func jsonText(v reflect.Value) string {
	if !v.CanInterface() {
		return fmt.Sprint(v)
	}
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return fmt.Sprint(v.Interface())
	}
	return string(b)
}
