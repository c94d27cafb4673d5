package main

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/scopelog/scopelog/registry"
	"github.com/scopelog/scopelog/signals"
)

func main() {
	file := flag.String("components", "components", "the components file")
	every := flag.Duration("every", time.Second, "how often to log")
	flag.Parse()

	// The program's own handler is the sink; at Debug, so that rules can turn debug on.
	h := slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug})
	reg := registry.New(registry.WithFile(*file), registry.WithHandler(h))
	app, db, cache := reg.Component("app").Slog(), reg.Component("db").Slog(), reg.Component("cache").Slog()
	stop := signals.Notify(reg.Reload) // kill -USR1 <pid> reloads the file
	defer stop()
	_ = reg.Reload() // a missing file means no rules; errors are logged

	// SIGTERM too (kill's default; a script's background job ignores
	// SIGINT), handled before the "started" line that tells a script it may
	// signal.
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	app.Info("started", "pid", os.Getpid())
	for i := 0; ctx.Err() == nil; i++ {
		app.Info("tick", "i", i)
		app.Debug("tick details", "i", i, "every", *every)
		db.Debug("query", "sql", "SELECT 1", "i", i)
		cache.DebugContext(ctx, "miss", "key", "user:42", "i", i)
		select {
		case <-ctx.Done():
		case <-time.After(*every):
		}
	}
}
