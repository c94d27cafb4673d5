package component

import (
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// Outside a registry, Named is a child that shares the parent's level and
// fields and writes under the longer name.
func TestNamedStandalone(t *testing.T) {
	core, entries := jsonCore(t)
	lv := NewLevel(zapcore.InfoLevel)
	db := New("db", core, lv).With(zap.String("shard", "a"))
	pool := db.Named("pool")
	if pool.Name() != "db.pool" {
		t.Fatalf("name %q, want db.pool", pool.Name())
	}
	pool.Debug("hidden")
	lv.SetLevel(zapcore.DebugLevel)
	pool.Debug("query")
	pool.Named("conn").Info("dial")

	got := entries()
	if len(got) != 2 {
		t.Fatalf("%d entries, want 2: %v", len(got), got)
	}
	for i, want := range []struct{ logger, msg string }{{"db.pool", "query"}, {"db.pool.conn", "dial"}} {
		if got[i]["logger"] != want.logger || got[i]["msg"] != want.msg || got[i]["shard"] != "a" {
			t.Errorf("entry %d = %v, want %s on %s with the parent's field", i, got[i], want.msg, want.logger)
		}
	}
}

// In a set, Named asks the set, from the Logger and from those With derives.
func TestNamedIn(t *testing.T) {
	set := map[string]*Logger{}
	var in func(string) *Logger
	in = func(name string) *Logger {
		if set[name] == nil {
			set[name] = NewIn(in, name, nil, nil)
		}
		return set[name]
	}
	db := in("db")
	if db.Named("pool") != set["db.pool"] || db.With(zap.Int("n", 1)).Named("pool") != set["db.pool"] {
		t.Error("Named did not return the set's Logger")
	}
}

func TestNamedNilAndInvalid(t *testing.T) {
	var nilLogger *Logger
	if nilLogger.Named("x") != nil {
		t.Error("Named on a nil Logger is not nil")
	}
	defer func() {
		if recover() == nil {
			t.Error("Named with an invalid segment did not panic")
		}
	}()
	New("db", nil, nil).Named("Pool")
}
