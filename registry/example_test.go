package registry_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/scopelog/scopelog/registry"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// stdoutCore writes JSON entries without time stamps, so that examples have
// stable output.
func stdoutCore() zapcore.Core {
	cfg := zap.NewProductionEncoderConfig()
	cfg.TimeKey = ""
	return zapcore.NewCore(zapcore.NewJSONEncoder(cfg), zapcore.AddSync(os.Stdout), zapcore.DebugLevel)
}

// With no rule, a component's debug lines cost nothing and print nothing.
func ExampleRegistry_Component() {
	reg := registry.New(registry.WithCore(stdoutCore()))
	db := reg.Component("db.pool")
	db.Debug("query", zap.String("sql", "select 1"))
	// Output:
}

// A rule turns on one component and its descendants, and nothing else.
func ExampleRegistry_Reload() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "components")
	// The last rule keeps the acknowledgement out of this example's output.
	_ = os.WriteFile(file, []byte("saas.client\nscopelog=warn\n"), 0o644)

	reg := registry.New(registry.WithCore(stdoutCore()), registry.WithFile(file))
	client, retry, db := reg.Component("saas.client"), reg.Component("saas.client.retry"), reg.Component("db")
	if err := reg.Reload(); err != nil {
		fmt.Println(err)
	}
	client.Debug("token reused")
	retry.Debug("retrying", zap.Int("attempt", 2))
	db.Debug("query") // db is still at Info: nothing printed
	// Output:
	// {"level":"debug","logger":"saas.client","msg":"token reused"}
	// {"level":"debug","logger":"saas.client.retry","msg":"retrying","attempt":2}
}

// Bad input changes nothing and says where the problem is.
func ExampleRegistry_Reload_badInput() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "components")
	_ = os.WriteFile(file, []byte("db=debug\nsaas.client=verbose\n"), 0o644)

	reg := registry.New(registry.WithCore(zapcore.NewNopCore()), registry.WithFile(file))
	db := reg.Component("db")
	err := reg.Reload()
	fmt.Println(strings.TrimPrefix(err.Error(), dir+string(filepath.Separator)))
	fmt.Println("db is still at", db.Level())
	// Output:
	// components:2:13: unknown level "verbose": expected debug, info, warn, error, dpanic, panic or fatal
	// db is still at info
}

// Components reports each component's level and the rule that set it.
func ExampleRegistry_Components() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "components")
	_ = os.WriteFile(file, []byte("# debug the SaaS client\nsaas.client\n*=warn\n"), 0o644)

	reg := registry.New(registry.WithCore(zapcore.NewNopCore()), registry.WithFile(file))
	reg.Component("saas.client")
	reg.Component("http")
	_ = reg.Reload()
	for _, c := range reg.Components() {
		rule := "(default)"
		if c.Rule != "" {
			rule = filepath.Base(c.Rule)
		}
		fmt.Printf("%-12s %-5s %s\n", c.Name, c.Level, rule)
	}
	// Output:
	// http         warn  components:3
	// saas.client  debug components:2
	// scopelog     info  (default)
}
