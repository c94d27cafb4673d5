package admin

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/registry"
)

func decodeVar(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return m
}

func TestVar(t *testing.T) {
	reg := registry.New(registry.WithCore(zapcore.NewNopCore()), registry.WithFile("components"))
	t.Chdir(t.TempDir())
	reg.Component("db")
	v := Var(reg)
	if got, want := v.String(), `{"last_reload_successful":false,"generation":0,"overrides":0,"components":{"db":"info","scopelog":"info"},"written":{},"dropped":{}}`; got != want {
		t.Errorf("before any reload:\n got %s\nwant %s", got, want)
	}

	if err := os.WriteFile("components", []byte("db\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := reg.Reload(); err != nil {
		t.Fatal(err)
	}
	if err := reg.Override("web", zapcore.WarnLevel, time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	reg.Component("web.api")
	m := decodeVar(t, v.String())
	if m["last_reload_successful"] != true || m["generation"] != 1.0 || m["overrides"] != 1.0 {
		t.Errorf("after a reload and an override: %v", m)
	}
	if ts, err := time.Parse(time.RFC3339, m["last_reload_time"].(string)); err != nil || time.Since(ts) > time.Minute {
		t.Errorf("last_reload_time %v (%v)", m["last_reload_time"], err)
	}
	if got := m["components"]; !equalJSON(got, map[string]any{"db": "debug", "scopelog": "info", "web.api": "warn"}) {
		t.Errorf("components %v", got)
	}

	if err := os.WriteFile("components", []byte("db=verbose\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if reg.Reload() == nil {
		t.Fatal("a bad file reloaded")
	}
	if m := decodeVar(t, v.String()); m["last_reload_successful"] != false || m["generation"] != 2.0 {
		t.Errorf("after a failed reload: %v", m)
	}
}
