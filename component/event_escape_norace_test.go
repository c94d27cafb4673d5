//go:build !race

package component

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
)

// TestDisabledEventInlines compiles testdata/eventescape with the
// compiler's optimisation report and checks that every call of a two-field
// event chain is inlined at the call site, so that a disabled chain costs an
// atomic load and nil checks, and that nothing on the line escapes to the
// heap.
//
// Like TestFieldsDoNotEscape, whose markLine it uses, it does not run under
// -race.
func TestDisabledEventInlines(t *testing.T) {
	src, data := compileReport(t, "eventescape")
	prefix := "testdata/eventescape/main.go:" + markLine(t, src) + ":"
	want := map[string]bool{
		"component.(*Logger).DebugEvent": false,
		"component.(*Event).Int":         false,
		"component.(*Event).Str":         false,
		"component.(*Event).Secret":      false,
		"component.(*Event).Msg":         false,
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		msg := sc.Text()
		if !strings.Contains(msg, prefix) {
			continue
		}
		if _, call, found := strings.Cut(msg, "inlining call to "); found {
			if _, tracked := want[call]; tracked {
				want[call] = true
			}
		}
		if strings.Contains(msg, "escapes to heap") || strings.Contains(msg, "moved to heap") {
			t.Errorf("the event chain puts something on the heap: %s", msg)
		}
	}
	for fn, inlined := range want {
		if !inlined {
			t.Errorf("%s is not inlined at %s\n%s", fn, prefix, data)
		}
	}
}
