package registry_test

import (
	"log/slog"
	"os"
	"path/filepath"

	"go.uber.org/zap"

	"github.com/scopelog/scopelog/registry"
)

// A program with a slog handler of its own keeps it as the sink of every
// component, and gains per-component levels: here a rule turns on db's
// debug lines, and cache's stay off. zap methods and slog front ends write
// through the same handler, with the component's name.
func ExampleWithHandler() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "components")
	// The last rule keeps the acknowledgement out of this example's output.
	_ = os.WriteFile(file, []byte("db\nscopelog=warn\n"), 0o644)

	h := slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{
		Level:       slog.LevelDebug, // let rules turn debug on
		ReplaceAttr: dropTime,        // for stable output
	})
	reg := registry.New(registry.WithHandler(h), registry.WithFile(file))
	db, cache := reg.Component("db").Slog(), reg.Component("cache").Slog()
	if err := reg.Reload(); err != nil {
		panic(err)
	}
	db.Debug("query", "sql", "select 1")
	cache.Debug("miss", "key", "user:42") // cache is at Info: nothing printed
	reg.Component("cache").Warn("evicting", zap.Int("entries", 1000))
	// Output:
	// {"level":"DEBUG","msg":"query","logger":"db","sql":"select 1"}
	// {"level":"WARN","msg":"evicting","logger":"cache","entries":1000}
}

func dropTime(groups []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey && len(groups) == 0 {
		return slog.Attr{}
	}
	return a
}
