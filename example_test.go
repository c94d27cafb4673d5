package scopelog_test

import (
	"fmt"
	"os"
	"path/filepath"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog"
	"github.com/scopelog/scopelog/registry"
)

// stdoutCore writes JSON entries without time stamps, so that the example
// has stable output; a program keeps the default (JSON lines on stderr) or
// uses registry.WithConsole.
func stdoutCore() zapcore.Core {
	cfg := zap.NewProductionEncoderConfig()
	cfg.TimeKey = ""
	return zapcore.NewCore(zapcore.NewJSONEncoder(cfg), zapcore.AddSync(os.Stdout), zapcore.DebugLevel)
}

// One call sets it all up; the file turns db.pool's debug lines on, and
// nothing else.
func Example() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "components")
	// The second rule keeps the registry's own acknowledgements out of the
	// output.
	_ = os.WriteFile(file, []byte("db.pool\nscopelog=error\n"), 0o644)

	logs, err := scopelog.Open(file, scopelog.WithRegistryOptions(registry.WithCore(stdoutCore())))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer logs.Close()

	db := logs.Component("db")
	pool := db.Named("pool") // the component db.pool
	db.Debug("connecting")   // db is at info: nothing printed
	pool.Debug("query", zap.String("sql", "SELECT 1"))
	// Output:
	// {"level":"debug","logger":"db.pool","msg":"query","sql":"SELECT 1"}
}
