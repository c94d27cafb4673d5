package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/admin"
	"github.com/scopelog/scopelog/registry"
)

func TestFlushURL(t *testing.T) {
	file := filepath.Join(t.TempDir(), "components")
	if err := os.WriteFile(file, []byte("saas=info record=10\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	reg := registry.New(registry.WithFile(file), registry.WithCore(zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()), zapcore.AddSync(io.Discard), zapcore.DebugLevel)))
	client, api := reg.Component("saas.client"), reg.Component("saas.api")
	if err := reg.Reload(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(admin.Handler(reg))
	t.Cleanup(srv.Close)
	url := srv.URL + "/debug/scopelog"

	client.Debug("a")
	client.Debug("b")
	api.Debug("c")
	r := runCmd("flush", "-url", url, "saas.client")
	r.want(t, exitOK)
	if r.stdout != "flushed 2 recorded entries of saas.client\n" || r.stderr != "" {
		t.Errorf("stdout %q, stderr %q", r.stdout, r.stderr)
	}
	r = runCmd("flush", "saas", "-url", url)
	r.want(t, exitOK)
	if r.stdout != "flushed 1 recorded entry of saas\n" {
		t.Errorf("stdout %q", r.stdout)
	}
	r = runCmd("flush", "-url", url, "db..x")
	r.want(t, exitFailure)
	if want := "scopelog flush: POST " + url + ": 400 Bad Request: registry: bad pattern at column 4: empty segment in pattern \"db..x\": expected a name segment or '*' between dots\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	for _, args := range [][]string{{"flush", "-url", url}, {"flush", "saas"}, {"flush", "-url", url, "a", "b"}, {"flush", "-url", "ftp://x", "a"}} {
		r = runCmd(args...)
		r.want(t, exitUsage)
	}
	other := httptest.NewServer(nil)
	defer other.Close()
	r = runCmd("flush", "-url", other.URL, "saas")
	r.want(t, exitFailure)
}

// TestFlushUsesQuery: flush sends POST ?flush=PATTERN with the JSON content
// type and no body, not the deprecated {"flush": ...} body.
func TestFlushUsesQuery(t *testing.T) {
	reg := registry.New(registry.WithCore(zapcore.NewNopCore()))
	h := admin.Handler(reg)
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		seen = append(seen, r.Method+" "+r.URL.RawQuery+" "+r.Header.Get("Content-Type")+" "+strconv.Itoa(len(body)))
		r.Body = io.NopCloser(bytes.NewReader(body))
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()
	r := runCmd("flush", "-url", srv.URL+"/debug/scopelog?", "saas.*")
	r.want(t, exitOK)
	if want := []string{"POST flush=saas.%2A application/json 0"}; !slices.Equal(seen, want) {
		t.Errorf("requests %q, want %q", seen, want)
	}
}
