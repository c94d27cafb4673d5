package main

import (
	"fmt"
	"os"
	"testing"

	"go.uber.org/goleak"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/internal/wait"
)

// TestMain gives the app's admin sockets, in-process and in the programs
// the tests run, a directory of their own, apart from every other program's.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "webapp-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_RUNTIME_DIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, "goleak:", err)
			code = 1
		}
	}
	os.Exit(code)
}

// deadline bounds every wait; see wait.Deadline.
const deadline = wait.Deadline

// observed returns a component logger at level whose entries the returned
// logs record.
func observed(name string, level zapcore.Level) (*component.Logger, *observer.ObservedLogs) {
	core, logs := observer.New(zapcore.DebugLevel)
	return component.New(name, core, component.NewLevel(level)), logs
}

// messages returns the messages of entries, in order.
func messages(entries []observer.LoggedEntry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.Message
	}
	return out
}

// encoded returns entry as the JSON line the app would write.
func encoded(t testing.TB, e observer.LoggedEntry) string {
	t.Helper()
	enc := zapcore.NewJSONEncoder(zapcore.EncoderConfig{MessageKey: "msg", NameKey: "logger", LevelKey: "level", EncodeLevel: zapcore.LowercaseLevelEncoder})
	buf, err := enc.EncodeEntry(e.Entry, e.Context)
	if err != nil {
		t.Fatal(err)
	}
	defer buf.Free()
	return buf.String()
}
