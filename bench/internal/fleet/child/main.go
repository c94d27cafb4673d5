// Command child is one process of a fleet measurement (see package fleet):
// a registry with the component "db", whose components file a watcher
// reloads when it changes. It writes the registry's JSON log entries on its
// standard error, with time stamps to the nanosecond, and exits when its
// standard input closes, so that it never outlives the fleet that started
// it.
//
//	child -components dir/components [-debounce 100ms]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/registry"
	"github.com/scopelog/scopelog/watcher"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stderr))
}

func run(args []string, stdin io.Reader, stderr io.Writer) int {
	fs := flag.NewFlagSet("child", flag.ContinueOnError)
	fs.SetOutput(stderr)
	file := fs.String("components", "", "the components file to watch")
	debounce := fs.Duration("debounce", watcher.DefaultDebounce, "the watcher's quiet period")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *file == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "child: usage: child -components path [-debounce d]")
		return 2
	}

	enc := zap.NewProductionEncoderConfig()
	enc.EncodeTime = zapcore.RFC3339NanoTimeEncoder
	core := zapcore.NewCore(zapcore.NewJSONEncoder(enc), zapcore.Lock(zapcore.AddSync(stderr)), zapcore.DebugLevel)
	reg := registry.New(registry.WithFile(*file), registry.WithCore(core))
	reg.Component("db")

	w, err := watcher.Watch(*file, reg.Reload,
		watcher.WithDebounce(*debounce),
		watcher.WithLogger(reg.Component(registry.SelfName).Zap()))
	if err != nil {
		fmt.Fprintln(stderr, "child:", err)
		return 1
	}
	defer w.Close()
	_ = reg.Reload() // errors are logged, and the fleet reads the log

	_, _ = io.Copy(io.Discard, stdin)
	return 0
}
