package main

import (
	"encoding/json"
	"slices"
	"strings"
)

// maxShape bounds the length of a shape in a log line.
const maxShape = 512

// shapeOf describes a JSON document by its keys and the types of its
// values, never the values themselves, which may be secrets:
// {"data":{"expires_in":number,"token":string},"token_type":string}.
// It is what a debug line can safely say about a response the client did
// not understand.
func shapeOf(body []byte) string {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return "not JSON"
	}
	var b strings.Builder
	writeShape(&b, v)
	if b.Len() > maxShape {
		return b.String()[:maxShape] + "…"
	}
	return b.String()
}

func writeShape(b *strings.Builder, v any) {
	if b.Len() > maxShape {
		return
	}
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			q, _ := json.Marshal(k) // a string always marshals
			b.Write(q)
			b.WriteByte(':')
			writeShape(b, v[k])
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		if len(v) > 0 {
			writeShape(b, v[0])
			if len(v) > 1 {
				b.WriteString(",…")
			}
		}
		b.WriteByte(']')
	case string:
		b.WriteString("string")
	case float64:
		b.WriteString("number")
	case bool:
		b.WriteString("bool")
	default:
		b.WriteString("null")
	}
}
