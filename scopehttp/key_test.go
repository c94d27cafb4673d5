package scopehttp

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/registry"
)

func writeKey(t *testing.T, content string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "debug.key")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadKeyFile(t *testing.T) {
	key, err := ReadKeyFile(writeKey(t, string(testKey)+"\n", 0o600))
	if err != nil || string(key) != string(testKey) {
		t.Fatalf("ReadKeyFile = %q, %v", key, err)
	}
	if _, err := ReadKeyFile(writeKey(t, "short\n", 0o600)); err == nil || !strings.Contains(err.Error(), "holds 5 bytes: at least 32") {
		t.Errorf("short key: %v", err)
	}
	if _, err := ReadKeyFile(filepath.Join(t.TempDir(), "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing key: %v", err)
	}
	if runtime.GOOS == "windows" {
		return
	}
	if _, err := ReadKeyFile(writeKey(t, string(testKey), 0o640)); !errors.Is(err, ErrKeyReadable) || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("group-readable key: %v", err)
	}
	if _, err := ReadKeyFile(writeKey(t, string(testKey), 0o602)); !errors.Is(err, registry.ErrWorldWritable) {
		t.Errorf("world-writable key: %v", err)
	}
}

func TestWithKeyFile(t *testing.T) {
	tok := sign(t, testKey, "db", zapcore.DebugLevel, time.Now().Add(time.Hour))
	var s sink
	a := app{s.logger("saas.client"), s.logger("db")}
	srv := serve(t, NewHandler(a, WithKeyFile(writeKey(t, string(testKey)+"\n", 0o400))))
	fetch(t, srv.URL, http.Header{Header: {tok}})
	if got := s.messages(t); len(got) != 1 || got[0] != "query" {
		t.Fatalf("granted through the key file: %q", got)
	}
	if runtime.GOOS == "windows" {
		return
	}
	var log sink
	path := writeKey(t, string(testKey), 0o644)
	before := stats.ignored[noKey].Load()
	srv = serve(t, NewHandler(a, WithKeyFile(path), WithLogger(log.logger("scopehttp"))))
	e := log.entries(t)
	if len(e) != 1 || e[0]["level"] != "error" || !strings.Contains(e[0]["error"].(string), path) || !strings.Contains(e[0]["error"].(string), "chmod 600") {
		t.Fatalf("a refused key file is not reported precisely: %v", e)
	}
	fetch(t, srv.URL, http.Header{Header: {tok}})
	if got := s.messages(t); len(got) != 1 {
		t.Errorf("a refused key file still grants: %q", got)
	}
	if stats.ignored[noKey].Load() != before+1 {
		t.Error("the header is not counted as arriving without a key")
	}
}
