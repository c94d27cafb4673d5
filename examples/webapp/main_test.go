package main

import (
	"os"
	"testing"

	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/internal/isolated"
	"github.com/scopelog/scopelog/internal/wait"
)

// TestMain gives the app's admin sockets, in-process and in the programs
// the tests run, directories of their own.
func TestMain(m *testing.M) {
	os.Exit(isolated.Main(m))
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
