package main

import (
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
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
