package registry

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

// WithConsole writes one human-readable line per entry, at whatever level
// the rules give: the core itself is at Debug.
func TestWithConsole(t *testing.T) {
	var buf bytes.Buffer
	file := filepath.Join(t.TempDir(), "components")
	writeFile("db.pool\n", 0o644)(t, file)
	reg := New(WithFile(file), WithConsole(&buf))
	pool, http := reg.Component("db.pool"), reg.Component("http")
	mustNil(t, reg.Reload())
	buf.Reset()
	pool.Debug("query", zap.String("sql", "SELECT 1"))
	http.Debug("request") // at Info: not written
	http.Info("served", zap.Int("status", 200))

	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	want := []*regexp.Regexp{
		regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d{4})\tDEBUG\tdb\.pool\tquery\t\{"sql": "SELECT 1"\}$`),
		regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d{4})\tINFO\thttp\tserved\t\{"status": 200\}$`),
	}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), buf.String())
	}
	for i, re := range want {
		if !re.MatchString(lines[i]) {
			t.Errorf("line %d:\n%s\ndoes not match\n%s", i+1, lines[i], re)
		}
	}
	if lvl := zapcore.LevelOf(reg.core); lvl != zapcore.DebugLevel {
		t.Errorf("the console core is at %v, want debug", lvl)
	}
}

// WithConsole sets the sink as WithCore and WithHandler do: the last one
// given wins.
func TestWithConsoleIsASink(t *testing.T) {
	var buf bytes.Buffer
	obs, logs := observer.New(zapcore.DebugLevel)
	New(WithConsole(&buf), WithCore(obs)).Component("db").Info("to the core")
	New(WithHandler(newRecorder(nil)), WithConsole(&buf)).Component("db").Info("to the console")
	if logs.Len() != 1 || !strings.Contains(buf.String(), "\tto the console\n") || strings.Contains(buf.String(), "to the core") {
		t.Errorf("core got %d entries; console got %q", logs.Len(), buf.String())
	}
}
