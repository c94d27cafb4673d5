package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/scopelog/scopelog/component"
)

func TestWithTenant(t *testing.T) {
	level := component.NewLevel(zapcore.InfoLevel)
	acme, err := component.ParseCondition("tenant=acme")
	if err != nil {
		t.Fatal(err)
	}
	level.SetScoped([]component.Scoped{{Condition: acme, Level: zapcore.DebugLevel}})
	core, logs := observer.New(zapcore.DebugLevel)
	log := component.New("x", core, level)
	var got string
	h := withTenant(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = tenantOf(r.Context())
		log.Ctx(r.Context()).Debug("for " + got)
	}))
	for _, tc := range []struct {
		target, header string
		status         int
		tenant         string
	}{
		{"/report?tenant=acme", "", 200, "acme"},
		{"/report", "acme", 200, "acme"},
		{"/report?tenant=globex", "acme", 200, "globex"},
		{"/report", "", 200, ""},
		{"/report?tenant=Acme", "", 400, ""},
		{"/report?tenant=" + strings.Repeat("a", 33), "", 400, ""},
		{"/report", "a b", 400, ""},
	} {
		got = ""
		req := httptest.NewRequest("GET", tc.target, nil)
		if tc.header != "" {
			req.Header.Set(tenantHeader, tc.header)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != tc.status || got != tc.tenant {
			t.Errorf("%s (X-Tenant %q): %d, tenant %q; want %d, %q", tc.target, tc.header, w.Code, got, tc.status, tc.tenant)
		}
	}
	// The scope reached the logs: only acme's requests wrote their line.
	if msgs := messages(logs.All()); strings.Join(msgs, ",") != "for acme,for acme" {
		t.Errorf("lines %q", msgs)
	}
}

// Each tenant has its own session, and a shape change for one account
// breaks that tenant alone; a scoped rule for it shows its debug lines
// only, each with its scope.
func TestClientPerTenant(t *testing.T) {
	apiLog, _ := observed("saas.api", zapcore.InfoLevel)
	api := newSaaSAPI(apiLog)
	srv := httptest.NewServer(api.Handler())
	defer srv.Close()
	level := component.NewLevel(zapcore.InfoLevel)
	core, logs := observer.New(zapcore.DebugLevel)
	client := newSaaSClient(srv.URL, demoClientID, demoClientSecret, component.New("saas.client", core, level))
	defer client.Close()
	ctx := func(tenant string) context.Context {
		return component.WithScope(context.WithValue(context.Background(), tenantKey{}, tenant), "tenant", tenant)
	}
	for _, tenant := range []string{"acme", "globex", "acme", "globex"} {
		if _, err := client.Report(ctx(tenant)); err != nil {
			t.Fatalf("%s: %v", tenant, err)
		}
	}
	if n := len(client.sessions); n != 2 {
		t.Errorf("%d sessions, want one per tenant", n)
	}
	api.SetV2For("acme", true)
	acme, err := component.ParseCondition("tenant=acme")
	if err != nil {
		t.Fatal(err)
	}
	level.SetScoped([]component.Scoped{{Condition: acme, Level: zapcore.DebugLevel}})
	logs.TakeAll()
	if _, err := client.Report(ctx("globex")); err != nil {
		t.Fatalf("globex broke with acme: %v", err)
	}
	if n := logs.Len(); n != 0 {
		t.Errorf("globex's call wrote %q", messages(logs.All()))
	}
	if _, err := client.Report(ctx("acme")); err == nil {
		t.Fatal("acme's report succeeded against the new shape")
	}
	var cause bool
	for _, e := range logs.All() {
		m := e.ContextMap()
		switch {
		case e.Level == zapcore.DebugLevel && m["scope"] != "tenant=acme":
			t.Errorf("a debug line without acme's scope: %s %v", e.Message, m)
		case e.Level == zapcore.ErrorLevel && (m["scope"] != nil || m["tenant"] != "acme"):
			t.Errorf("the error line: %v", m)
		}
		cause = cause || e.Message == "login response not understood"
	}
	if !cause {
		t.Errorf("acme's debug lines lack the cause: %q", messages(logs.All()))
	}
}
