package main

import (
	"strings"
	"testing"
)

func TestShapeOf(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"access_token":"tok_x","expires_in":3600,"token_type":"Bearer"}`, `{"access_token":string,"expires_in":number,"token_type":string}`},
		{`{"data":{"token":"tok_x","expires_in":3600},"token_type":"Bearer"}`, `{"data":{"expires_in":number,"token":string},"token_type":string}`},
		{`{"a":[1,2,3],"b":[],"c":[{"d":true}],"e":null}`, `{"a":[number,…],"b":[],"c":[{"d":bool}],"e":null}`},
		{`"secret"`, `string`},
		{`<html>`, `not JSON`},
		{``, `not JSON`},
		{`{"we\"ird":1}`, `{"we\"ird":number}`},
	} {
		if got := shapeOf([]byte(tc.in)); got != tc.want {
			t.Errorf("shapeOf(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestShapeOfIsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := range 1000 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"key` + strings.Repeat("x", i%7) + randomHex(4) + `":1`)
	}
	b.WriteString("}")
	got := shapeOf([]byte(b.String()))
	if len(got) > maxShape+len("…") {
		t.Errorf("shape of a large object is %d bytes, want at most %d", len(got), maxShape+len("…"))
	}
	if !strings.HasSuffix(got, "…") {
		t.Errorf("a cut shape should end with …: %s", got)
	}
}
