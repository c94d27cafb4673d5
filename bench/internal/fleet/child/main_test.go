package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"-components"}, {"-components", "f", "extra"}, {"-debounce", "soon", "-components", "f"}} {
		var stderr bytes.Buffer
		if code := run(args, strings.NewReader(""), &stderr); code != 2 || stderr.Len() == 0 {
			t.Errorf("run(%q) = %d with %q, want 2 and a message", args, code, stderr.String())
		}
	}
}
