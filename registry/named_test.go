package registry

import (
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// Named gives the registry's component <name>.<sub>: the same Logger as
// Component, and a rule naming it sets its level, before and after it is
// first used.
func TestNamedIsTargetable(t *testing.T) {
	f := newFixture(t)
	db := f.reg.Component("db")
	f.write("db.pool=debug\n")
	f.reload()
	pool := db.With(zap.String("shard", "a")).Named("pool")
	if pool != f.reg.Component("db.pool") {
		t.Fatal("db.Named(\"pool\") is not the registry's db.pool")
	}
	if pool.Level() != zapcore.DebugLevel || db.Level() != zapcore.InfoLevel {
		t.Errorf("db.pool at %v and db at %v, want debug and info", pool.Level(), db.Level())
	}
	pool.Debug("query")
	if n := f.logs.FilterLoggerName("db.pool").FilterMessage("query").Len(); n != 1 {
		t.Errorf("%d debug entries of db.pool, want 1", n)
	}
	conn := pool.Named("conn.tls")
	if conn.Name() != "db.pool.conn.tls" || conn.Level() != zapcore.DebugLevel {
		t.Errorf("pool.Named(\"conn.tls\") is %q at %v, want db.pool.conn.tls at debug (the rule covers descendants)", conn.Name(), conn.Level())
	}
	f.write("db.pool=warn\n")
	f.reload()
	if pool.Level() != zapcore.WarnLevel || conn.Level() != zapcore.WarnLevel {
		t.Errorf("after the reload: db.pool at %v, db.pool.conn.tls at %v, want warn", pool.Level(), conn.Level())
	}
	defer func() {
		if recover() == nil {
			t.Error("Named with an invalid name did not panic")
		}
	}()
	db.Named("Bad Name")
}
