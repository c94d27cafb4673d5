package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/scopehttp"
)

const grantKey = "this key has more than thirty-two bytes"

func keyFile(t *testing.T, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "debug.key")
	if err := os.WriteFile(path, []byte(grantKey+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestGrantPrintsAHeaderAServerAccepts runs the command, sends its line
// to a server with the same key, and checks that the request was debugged.
func TestGrantPrintsAHeaderAServerAccepts(t *testing.T) {
	r := runCmd("grant", "-key", keyFile(t, 0o600), "-for", "10m", "db=info")
	r.want(t, exitOK)
	name, tok, ok := strings.Cut(strings.TrimSuffix(r.stdout, "\n"), ": ")
	if !ok || name != scopehttp.Header || !strings.HasPrefix(tok, "v1.") || strings.Count(r.stdout, "\n") != 1 {
		t.Fatalf("stdout %q, want one header line", r.stdout)
	}
	var out lockedBuffer
	db := component.New("db", zapcore.NewCore(zapcore.NewJSONEncoder(zapcore.EncoderConfig{MessageKey: "msg"}), zapcore.AddSync(&out), zapcore.DebugLevel),
		component.NewLevel(zapcore.WarnLevel))
	srv := httptest.NewServer(scopehttp.NewHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		db.Ctx(r.Context()).Info("granted")
		db.Ctx(r.Context()).Debug("below the grant")
	}), scopehttp.WithKey([]byte(grantKey))))
	defer srv.Close()
	req, _ := http.NewRequestWithContext(context.Background(), "GET", srv.URL, nil)
	req.Header.Set(name, tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	http.DefaultClient.CloseIdleConnections()
	if got := out.String(); !strings.Contains(got, `"msg":"granted","scope":"grant=`) || strings.Contains(got, "below") {
		t.Fatalf("the server wrote %q", got)
	}
}

// lockedBuffer is written by a server's goroutine and read by the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestGrantRefuses(t *testing.T) {
	good := keyFile(t, 0o600)
	now := time.Now()
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no key", []string{"grant", "db"}, exitUsage, "-key: the key file is required"},
		{"no pattern", []string{"grant", "-key", good}, exitUsage, "expected one PATTERN[=LEVEL], got 0"},
		{"both", []string{"grant", "-key", good, "-for", "1m", "-until", now.Add(time.Hour).UTC().Format(time.RFC3339), "db"}, exitUsage, "give one"},
		{"bad pattern", []string{"grant", "-key", good, "db..x"}, exitFailure, "invalid rule"},
		{"options", []string{"grant", "-key", good, "db=debug record=5"}, exitFailure, "invalid rule"},
		{"too long", []string{"grant", "-key", good, "-for", "25h", "db"}, exitFailure, "more than 24h0m0s ahead"},
		{"past", []string{"grant", "-key", good, "-until", "2020-01-01T00:00:00Z", "db"}, exitFailure, "has passed"},
		{"missing key", []string{"grant", "-key", filepath.Join(t.TempDir(), "none"), "db"}, exitFailure, "file does not exist"},
	} {
		r := runAt(now, c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.want) || r.stdout != "" {
			t.Errorf("%s: exit %d, stderr %q, stdout %q; want %d and %q", c.name, r.code, r.stderr, r.stdout, c.code, c.want)
		}
	}
	if runtime.GOOS == "windows" {
		return
	}
	r := runAt(now, "grant", "-key", keyFile(t, 0o644), "db")
	if r.code != exitFailure || !strings.Contains(r.stderr, "chmod 600") {
		t.Errorf("a key readable by others: exit %d, stderr %q", r.code, r.stderr)
	}
}
