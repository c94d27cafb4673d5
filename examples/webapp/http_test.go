package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/admin"
	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/registry"
)

func TestLogRequests(t *testing.T) {
	log, logs := observed("http", zapcore.DebugLevel)
	h := logRequests(log, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusTeapot)
		_, _ = io.WriteString(w, "short and stout")
	}))
	req := httptest.NewRequest("GET", "/pot?x=1", nil)
	req.Header.Set("Authorization", "Bearer tok_0123456789abcdef0123")
	req.Header.Set("Cookie", "saas_affinity=sess_0123456789abcdef")
	h.ServeHTTP(httptest.NewRecorder(), req)

	entries := logs.All()
	if got, want := messages(entries), []string{"request received", "request"}; !slices.Equal(got, want) {
		t.Fatalf("lines %q, want %q", got, want)
	}
	if entries[0].Level != zapcore.DebugLevel || entries[1].Level != zapcore.InfoLevel {
		t.Errorf("levels %v, %v; want debug, info", entries[0].Level, entries[1].Level)
	}
	hdr, _ := entries[0].ContextMap()["headers"].(map[string]any)
	fp := component.NewRedactor(component.RedactConfig{}).Fingerprint
	if got := hdr["Authorization"]; got != "Bearer "+fp("tok_0123456789abcdef0123") {
		t.Errorf("Authorization logged as %q", got)
	}
	if got := hdr["Cookie"]; got != fp("saas_affinity=sess_0123456789abcdef") {
		t.Errorf("Cookie logged as %q", got)
	}
	if line := encoded(t, entries[0]); strings.Contains(line, "0123456789abcdef") {
		t.Errorf("a secret reached the log: %s", line)
	}
	info := entries[1].ContextMap()
	if info["status"] != int64(http.StatusTeapot) || info["bytes"] != int64(len("short and stout")) || info["path"] != "/pot" {
		t.Errorf("request line %v", info)
	}
}

func TestLogRequestsImplicitStatus(t *testing.T) {
	log, logs := observed("http", zapcore.InfoLevel)
	logRequests(log, http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})).
		ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	if got := logs.All(); len(got) != 1 || got[0].ContextMap()["status"] != int64(http.StatusOK) {
		t.Errorf("lines %v", got)
	}
}

func TestRoutes(t *testing.T) {
	httpLog, _ := observed("http", zapcore.InfoLevel)
	clockLog, _ := observed("clock", zapcore.InfoLevel)
	apiLog, _ := observed("saas.api", zapcore.InfoLevel)
	clientLog, _ := observed("saas.client", zapcore.InfoLevel)
	api := newSaaSAPI(apiLog)
	addr, err := api.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer api.Close()
	client := newSaaSClient("http://"+addr, demoClientID, demoClientSecret, clientLog)
	defer client.Close()
	srv := httptest.NewServer(routes(httpLog, clockLog, time.Millisecond, client, api,
		admin.Handler(registry.New(registry.WithCore(zapcore.NewNopCore())))))
	defer srv.Close()

	do := func(method, path string) (int, string) {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, string(b)
	}
	for _, tc := range []struct {
		method, path string
		status       int
		body         string // a prefix
	}{
		{"GET", "/healthz", 200, "ok"},
		{"GET", "/", 200, "20"},
		{"GET", "/nope", 404, ""},
		{"GET", "/report", 200, `{"period":`},
		{"GET", "/admin/saas/break", 405, ""},
		{"POST", "/admin/saas/break", 200, "the SaaS API now answers logins with its v2 shape"},
		{"GET", "/report", 500, "report failed"},
		{"POST", "/admin/saas/fix", 200, "the SaaS API answers logins with its v1 shape again"},
		{"GET", "/report", 200, `{"period":`},
		{"POST", "/admin/saas/break?tenant=acme", 200, "the SaaS API now answers the logins of acme with its v2 shape"},
		{"GET", "/report?tenant=acme", 500, "report failed"},
		{"GET", "/report?tenant=globex", 200, `{"period":`},
		{"GET", "/report", 200, `{"period":`},
		{"GET", "/report?tenant=Acme", 400, "invalid tenant"},
		{"POST", "/admin/saas/fix?tenant=acme", 200, "the SaaS API answers the logins of acme with its v1 shape again"},
		{"GET", "/report?tenant=acme", 200, `{"period":`},
		{"GET", "/debug/scopelog", 200, `{"components":[{"name":"scopelog"`},
		{"GET", "/debug/scopelog?format=text", 200, "NAME      LEVEL  RULE  EXPIRES  WRITTEN\nscopelog  info"},
	} {
		status, body := do(tc.method, tc.path)
		if status != tc.status || !strings.HasPrefix(body, tc.body) {
			t.Errorf("%s %s = %d %q, want %d %q…", tc.method, tc.path, status, body, tc.status, tc.body)
		}
	}
}
