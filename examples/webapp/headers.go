package main

import (
	"net/http"
	"slices"
	"strings"

	"go.uber.org/zap/zapcore"
)

// headers logs an http.Header as an object with one field per header,
// sorted, each with its values joined. Credentials (Authorization, Cookie,
// X-Api-Key, ...) need no care here: the component redacts them by name.
type headers http.Header

// MarshalLogObject implements zapcore.ObjectMarshaler.
func (h headers) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		enc.AddString(k, strings.Join(h[k], ", "))
	}
	return nil
}

// cookies logs cookies as an object of their names and values. Logged
// under "cookie" or "set-cookie", keys the component redacts, each value
// is written as its fingerprint and each name as it is.
type cookies []*http.Cookie

// MarshalLogObject implements zapcore.ObjectMarshaler.
func (cs cookies) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	for _, c := range cs {
		enc.AddString(c.Name, c.Value)
	}
	return nil
}
