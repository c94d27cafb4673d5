// Command eventescape is compiled by TestDisabledEventInlines with
// -gcflags=-m to prove that a chain of Event methods inlines at the call
// site.
package main

import (
	"os"

	"github.com/scopelog/scopelog/component"
)

func main() {
	l := component.New("db", nil, nil)
	n := len(os.Args)
	l.DebugEvent().Int("n", n).Str("arg", os.Args[0]).Secret("token", os.Args[0]).Msg("disabled") // MARK
}
