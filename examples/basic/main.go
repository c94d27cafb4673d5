package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"go.uber.org/zap"

	"github.com/scopelog/scopelog"
)

func main() {
	file := flag.String("components", "components", "the components file")
	every := flag.Duration("every", time.Second, "how often to log")
	pidfile := flag.String("pidfile", "", "write the process id to this file, for scopelog set -pidfile")
	watch := flag.Bool("watch", true, "reload when the components file is saved, besides on SIGUSR1")
	flag.Parse()

	var opts []scopelog.Option
	if !*watch {
		opts = append(opts, scopelog.WithoutWatcher())
	}
	// JSON lines on stderr; the file read now, on save and on SIGUSR1; the
	// admin socket, which the scopelog command finds by itself.
	logs, err := scopelog.Open(*file, opts...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "basic:", err)
		os.Exit(1)
	}
	defer logs.Close()
	app, db := logs.Component("app"), logs.Component("db")

	if *pidfile != "" {
		if err := os.WriteFile(*pidfile, []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644); err != nil {
			app.Fatal("cannot write the pid file", zap.Error(err))
		}
		defer os.Remove(*pidfile)
	}
	// SIGTERM too (a script's background job ignores SIGINT), handled
	// before the "started" line that tells a script it may signal.
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	app.Info("started", zap.Int("pid", os.Getpid()))
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
