package main

import (
	"testing"
	"time"

	"go.uber.org/goleak"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/scopelog/scopelog/component"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// deadline bounds every wait; it is only reached when a test fails.
const deadline = 10 * time.Second

// waitFor polls cond until it holds, failing the test after deadline.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	end := time.Now().Add(deadline)
	for !cond() {
		if time.Now().After(end) {
			t.Fatalf("timed out after %v waiting for %s", deadline, what)
		}
		time.Sleep(time.Millisecond)
	}
}

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
