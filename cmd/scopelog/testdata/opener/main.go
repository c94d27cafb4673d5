// Command opener sets up with scopelog.Open, for the tests of the command's
// discovery of admin sockets: it registers the components its arguments
// after the first name, prints "ready" once its socket serves, and runs
// until its standard input closes.
//
//	opener COMPONENTS-FILE [COMPONENT...]
package main

import (
	"fmt"
	"io"
	"os"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog"
	"github.com/scopelog/scopelog/registry"
)

func main() {
	logs, err := scopelog.Open(os.Args[1], scopelog.WithRegistryOptions(registry.WithCore(zapcore.NewNopCore())))
	if err != nil {
		fmt.Fprintln(os.Stderr, "opener:", err)
		os.Exit(1)
	}
	for _, name := range os.Args[2:] {
		logs.Component(name)
	}
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin)
	if err := logs.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "opener:", err)
		os.Exit(1)
	}
}
