// Command escape is compiled by TestFieldsDoNotEscape with -gcflags=-m to
// prove that a caller's variadic fields stay on its stack.
package main

import (
	"os"

	"github.com/scopelog/scopelog/component"
	"go.uber.org/zap"
)

func main() {
	l := component.New("db", nil, nil)
	n := len(os.Args)
	l.Debug("disabled", zap.Int("n", n), zap.String("arg", os.Args[0]), component.Secret("token", os.Args[0])) // MARK
}
