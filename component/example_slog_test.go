package component_test

import (
	"context"
	"log/slog"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
)

// Slog hands code written against log/slog a logger gated by the
// component's level, live: the same Level turns its debug lines on and off.
// Records are written by the component's zap core, with its name.
func ExampleLogger_Slog() {
	level := component.NewLevel(zapcore.InfoLevel)
	db := component.New("db.pool", stdoutCore(), level)
	log := db.Slog() // build it once and keep it
	log.Debug("hidden", "sql", "select 1")

	level.SetLevel(zapcore.DebugLevel)
	log.Debug("query", "sql", "select 1", "rows", 1)
	log.WithGroup("conn").Debug("acquired", "id", 3) // derived loggers keep the gate

	level.SetLevel(zapcore.InfoLevel)
	log.Debug("hidden again")
	// Output:
	// {"level":"debug","logger":"db.pool","msg":"query","sql":"select 1","rows":1}
	// {"level":"debug","logger":"db.pool","msg":"acquired","conn":{"id":3}}
}

// The slog front end of a logger made by With carries its fields too, and
// slog levels between zap's are gated as the zap level they fall in:
// LevelInfo+2 is written while the component is at Info, and keeps its own
// name.
func ExampleLogger_Slog_levels() {
	db := component.New("db", stdoutCore(), nil).With(zap.Int("shard", 2))
	log := db.Slog()
	log.Debug("hidden")
	log.Log(context.Background(), slog.LevelInfo+2, "notice")
	log.Warn("slow query", "ms", 1500)
	// Output:
	// {"level":"info","logger":"db","msg":"notice","shard":2,"slog_level":"INFO+2"}
	// {"level":"warn","logger":"db","msg":"slow query","shard":2,"ms":1500}
}
