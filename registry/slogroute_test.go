package registry

import (
	"log/slog"
	"path/filepath"
	"slices"
	"testing"

	"go.uber.org/zap/zapcore"
)

// TestSlogHandlerConforms runs the standard library's handler suite on
// SlogHandler, with each of the two sinks: its records go to the component
// "default", at debug.
func TestSlogHandlerConforms(t *testing.T) {
	conforms(t, DefaultComponent, (*Registry).SlogHandler)
}

// routeFixture is a registry whose file turns db.pool to debug, writing to
// a recording slog handler, and slog loggers over its SlogHandler.
func routeFixture(t *testing.T) (*Registry, *recorder, *slog.Logger) {
	t.Helper()
	rec := newRecorder(slog.LevelDebug)
	file := filepath.Join(t.TempDir(), "components")
	writeFile("db.pool\n", 0o644)(t, file)
	reg := New(WithFile(file), WithHandler(rec))
	mustNil(t, reg.Reload())
	return reg, rec, slog.New(reg.SlogHandler())
}

func loggerOf(t *testing.T, rec *recorder, msg string) (string, map[string]slog.Value) {
	t.Helper()
	rs := rec.find(msg)
	if len(rs) != 1 {
		t.Fatalf("%d records %q, want 1", len(rs), msg)
	}
	return rs[0].attrs["logger"].String(), rs[0].attrs
}

// With("component", name) routes to that component, registered then, so a
// rule for it (or an ancestor) applies; records without one go to
// "default".
func TestSlogHandlerRoutes(t *testing.T) {
	reg, rec, log := routeFixture(t)
	pool := log.With("component", "db.pool", "shard", 3)
	if !slices.ContainsFunc(reg.Components(), func(s ComponentStatus) bool { return s.Name == "db.pool" && s.Level == zapcore.DebugLevel }) {
		t.Fatalf("With did not register db.pool at the rule's level: %+v", reg.Components())
	}
	pool.Debug("pool query")
	log.Debug("default debug") // default is at Info
	log.Info("default info")
	log.With("component", "http").Debug("http debug")

	if name, attrs := loggerOf(t, rec, "pool query"); name != "db.pool" || attrs["shard"].Int64() != 3 {
		t.Errorf("pool query: logger %q, attrs %v", name, attrs)
	} else if _, ok := attrs[ComponentKey]; ok {
		t.Errorf("the routing attribute was written: %v", attrs)
	}
	if name, _ := loggerOf(t, rec, "default info"); name != DefaultComponent {
		t.Errorf("default info: logger %q, want %q", name, DefaultComponent)
	}
	if n := len(rec.find("default debug")) + len(rec.find("http debug")); n != 0 {
		t.Errorf("%d debug records of components at info", n)
	}
}

// A later With routes elsewhere and keeps the attributes given so far; a
// "component" in a group, in one call, or with a value that is no component
// name, is an ordinary attribute.
func TestSlogHandlerReroutes(t *testing.T) {
	_, rec, log := routeFixture(t)
	log.With("component", "http", "user", "ada").With("component", "db.pool").Debug("rerouted")
	if name, attrs := loggerOf(t, rec, "rerouted"); name != "db.pool" || attrs["user"].String() != "ada" {
		t.Errorf("rerouted: logger %q, attrs %v", name, attrs)
	}

	log.With("component", "db.pool").WithGroup("g").With("component", "http").Debug("grouped")
	if name, attrs := loggerOf(t, rec, "grouped"); name != "db.pool" || attrs["g.component"].String() != "http" {
		t.Errorf("grouped: logger %q, attrs %v", name, attrs)
	}

	log.Info("per call", "component", "db.pool")
	if name, attrs := loggerOf(t, rec, "per call"); name != DefaultComponent || attrs[ComponentKey].String() != "db.pool" {
		t.Errorf("per call: logger %q, attrs %v", name, attrs)
	}

	log.With("component", "Not A Name").Info("invalid name")
	log.With("component", 42).Info("not a string")
	for _, msg := range []string{"invalid name", "not a string"} {
		if name, attrs := loggerOf(t, rec, msg); name != DefaultComponent || attrs[ComponentKey].Any() == nil {
			t.Errorf("%s: logger %q, attrs %v", msg, name, attrs)
		}
	}
}

// The handlers derived from SlogHandler are immutable: a derived one does
// not change its parent, or a sibling, whatever the component's handler
// does with the attributes it is given.
func TestSlogHandlerImmutable(t *testing.T) {
	_, rec, log := routeFixture(t)
	base := log.With("a", 1)
	one := base.With("component", "db.pool", "b", 2)
	two := base.With("c", 3).With("component", "db.pool")
	one.Debug("one")
	two.Debug("two")
	base.Info("base")
	_, a1 := loggerOf(t, rec, "one")
	_, a2 := loggerOf(t, rec, "two")
	_, a0 := loggerOf(t, rec, "base")
	if a1["a"].Int64() != 1 || a1["b"].Int64() != 2 || a1["c"].Any() != nil {
		t.Errorf("one: %v", a1)
	}
	if a2["a"].Int64() != 1 || a2["c"].Int64() != 3 || a2["b"].Any() != nil {
		t.Errorf("two: %v", a2)
	}
	if a0["a"].Int64() != 1 || a0["b"].Any() != nil || a0["c"].Any() != nil || a0["logger"].String() != DefaultComponent {
		t.Errorf("base: %v", a0)
	}
}

// Enabled is the component's level, capped by the sink's own.
func TestSlogHandlerEnabled(t *testing.T) {
	file := filepath.Join(t.TempDir(), "components")
	writeFile("db\n", 0o644)(t, file)
	info := newRecorder(slog.LevelInfo) // a sink that drops debug whatever the rules say
	reg := New(WithFile(file), WithHandler(info))
	mustNil(t, reg.Reload())
	h := reg.SlogHandler()
	db := h.WithAttrs([]slog.Attr{slog.String(ComponentKey, "db")})
	for _, c := range []struct {
		h     slog.Handler
		level slog.Level
		want  bool
	}{
		{h, slog.LevelDebug, false},     // default is at info
		{h, slog.LevelInfo, true},       // default is at info
		{db, slog.LevelDebug, false},    // db is at debug, the sink at info
		{db, slog.LevelInfo - 1, false}, // slog's levels below Info are zap's Debug
		{db, slog.LevelInfo, true},
	} {
		if got := c.h.Enabled(t.Context(), c.level); got != c.want {
			t.Errorf("Enabled(%v) = %v, want %v", c.level, got, c.want)
		}
	}
	// With a sink at debug, the rules decide.
	reg = New(WithFile(file), WithHandler(newRecorder(slog.LevelDebug)))
	mustNil(t, reg.Reload())
	h = reg.SlogHandler()
	db = h.WithAttrs([]slog.Attr{slog.String(ComponentKey, "db")})
	if h.Enabled(t.Context(), slog.LevelDebug) || !db.Enabled(t.Context(), slog.LevelDebug) {
		t.Errorf("with a sink at debug: default's debug %v (want false), db's %v (want true)",
			h.Enabled(t.Context(), slog.LevelDebug), db.Enabled(t.Context(), slog.LevelDebug))
	}
}
