package main

import (
	"context"
	"flag"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"go.uber.org/zap"

	"github.com/scopelog/scopelog/registry"
	"github.com/scopelog/scopelog/signals"
)

func main() {
	file := flag.String("components", "components", "the components file")
	every := flag.Duration("every", time.Second, "how often to log")
	pidfile := flag.String("pidfile", "", "write the process id to this file, for scopelog set -pidfile")
	flag.Parse()

	reg := registry.New(registry.WithFile(*file)) // JSON lines on stderr
	app, db := reg.Component("app"), reg.Component("db")
	stop := signals.Notify(reg.Reload) // kill -USR1 <pid> reloads the file
	defer stop()
	_ = reg.Reload() // a missing file means no rules; errors are logged

	if *pidfile != "" {
		if err := os.WriteFile(*pidfile, []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644); err != nil {
			app.Fatal("cannot write the pid file", zap.Error(err))
		}
		defer os.Remove(*pidfile)
	}
	app.Info("started", zap.Int("pid", os.Getpid()))
	// SIGTERM too: a background job of a script starts with SIGINT ignored.
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	for i := 0; ctx.Err() == nil; i++ {
		app.Info("tick", zap.Int("i", i))
		app.Debug("tick details", zap.Int("i", i), zap.Duration("every", *every))
		db.Debug("query", zap.String("sql", "SELECT 1"), zap.Int("i", i))
		select {
		case <-ctx.Done():
		case <-time.After(*every):
		}
	}
}
