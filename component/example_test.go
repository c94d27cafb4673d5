package component_test

import (
	"os"

	"github.com/scopelog/scopelog/component"
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

// A component at Info prints nothing for Debug, and the call costs one
// atomic load.
func ExampleLogger_disabled() {
	db := component.New("db.pool", stdoutCore(), component.NewLevel(zapcore.InfoLevel))
	db.Debug("query", zap.String("sql", "select 1"), zap.Int("rows", 1))
	// Output:
}

// Changing the component's Level turns its debug lines on and off while the
// program runs; a registry does this from the components file.
func ExampleLevel() {
	level := component.NewLevel(zapcore.InfoLevel)
	db := component.New("db.pool", stdoutCore(), level)
	db.Debug("hidden")
	level.SetLevel(zapcore.DebugLevel)
	db.Debug("query", zap.String("sql", "select 1"))
	level.SetLevel(zapcore.InfoLevel)
	db.Debug("hidden again")
	// Output:
	// {"level":"debug","logger":"db.pool","msg":"query","sql":"select 1"}
}

// Loggers made by With share the component's level.
func ExampleLogger_With() {
	level := component.NewLevel(zapcore.InfoLevel)
	conn := component.New("db.pool", stdoutCore(), level).With(zap.Int("conn", 3))
	conn.Debug("hidden")
	level.SetLevel(zapcore.DebugLevel)
	conn.Debug("acquired")
	// Output:
	// {"level":"debug","logger":"db.pool","msg":"acquired","conn":3}
}

// Enabled guards fields that are costly to build.
func ExampleLogger_Enabled() {
	db := component.New("db", stdoutCore(), nil) // a nil level means Info
	if db.Enabled(zapcore.DebugLevel) {
		db.Debug("pool state", zap.Any("stats", expensiveStats()))
	}
	// Output:
}

func expensiveStats() map[string]int { return map[string]int{"open": 3} }

// Zap hands code that takes a *zap.Logger a logger gated by the component.
func ExampleLogger_Zap() {
	level := component.NewLevel(zapcore.InfoLevel)
	z := component.New("saas.client", stdoutCore(), level).Zap()
	z.Debug("hidden")
	level.SetLevel(zapcore.DebugLevel)
	z.Debug("token reused", zap.Duration("ttl_left", 0))
	// Output:
	// {"level":"debug","logger":"saas.client","msg":"token reused","ttl_left":0}
}
