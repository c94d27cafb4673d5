//go:build !race

package component

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
)

// TestCtxCallsInline compiles testdata/ctxescape with the compiler's
// optimisation report and checks that a call through Logger.Ctx inlines
// at the call site, in the zap form and the event form, so that a
// disabled call costs the atomic load of the component's level, as on the
// Logger itself; that the zap form's variadic fields stay on the stack;
// and that nothing on either line escapes to the heap.
//
// Like TestFieldsDoNotEscape, whose markLine it uses, it does not run
// under -race.
func TestCtxCallsInline(t *testing.T) {
	src, data := compileReport(t, "ctxescape")
	for _, c := range []struct {
		mark  string
		calls []string
	}{
		{"// MARK zap", []string{"component.(*Logger).Ctx", "component.Bound.Debug", "atomic.(*Int32).Load"}},
		{"// MARK event", []string{"component.(*Logger).Ctx", "component.Bound.DebugEvent", "atomic.(*Int32).Load",
			"component.(*Event).Int", "component.(*Event).Str", "component.(*Event).Msg"}},
	} {
		prefix := "testdata/ctxescape/main.go:" + markedLine(t, src, c.mark) + ":"
		inlined := map[string]bool{}
		var argNoEscape bool
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			msg := sc.Text()
			if !strings.Contains(msg, prefix) {
				continue
			}
			if _, call, found := strings.Cut(msg, "inlining call to "); found {
				inlined[call] = true
			}
			if strings.Contains(msg, "... argument does not escape") {
				argNoEscape = true
			}
			if strings.Contains(msg, "escapes to heap") || strings.Contains(msg, "moved to heap") {
				t.Errorf("%s: the call puts something on the heap: %s", c.mark, msg)
			}
		}
		for _, call := range c.calls {
			if !inlined[call] {
				t.Errorf("%s: %s is not inlined at %s\n%s", c.mark, call, prefix, data)
			}
		}
		if c.mark == "// MARK zap" && !argNoEscape {
			t.Errorf("compiler did not report the fields as not escaping at %s\n%s", prefix, data)
		}
	}
}
