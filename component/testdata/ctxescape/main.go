// Command ctxescape is compiled by TestCtxCallsInline with -gcflags=-m to
// prove that a call through Logger.Ctx inlines at the call site, in both
// forms, and puts nothing on the heap.
package main

import (
	"context"
	"os"

	"github.com/scopelog/scopelog/component"
	"go.uber.org/zap"
)

func main() {
	l := component.New("db", nil, nil)
	ctx := component.WithScope(context.Background(), "tenant", os.Args[0])
	n := len(os.Args)
	l.Ctx(ctx).Debug("disabled", zap.Int("n", n), zap.String("arg", os.Args[0])) // MARK zap
	l.Ctx(ctx).DebugEvent().Int("n", n).Str("arg", os.Args[0]).Msg("disabled")   // MARK event
}
