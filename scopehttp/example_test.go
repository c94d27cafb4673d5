package scopehttp_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/scopehttp"
)

// The middleware gives each request its id and address; the program adds
// the tenant itself, after authentication, and logs through Ctx. A scoped
// rule for one tenant then writes that tenant's debug lines only, each
// with the rule's scope.
func ExampleNewHandler() {
	cfg := zap.NewProductionEncoderConfig()
	cfg.TimeKey = ""
	core := zapcore.NewCore(zapcore.NewJSONEncoder(cfg), zapcore.AddSync(os.Stdout), zapcore.DebugLevel)
	level := component.NewLevel(zapcore.InfoLevel)
	client := component.New("saas.client", core, level)

	report := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		client.Ctx(r.Context()).Debug("reusing session token", zap.Int("age_s", 3540))
		fmt.Fprintln(w, "report")
	})
	authenticated := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			tenant := r.Header.Get("X-Tenant") // a real program checks credentials
			next.ServeHTTP(w, r.WithContext(component.WithScope(r.Context(), "tenant", tenant)))
		})
	}
	mux := http.NewServeMux()
	mux.Handle("/report", authenticated(report))
	handler := scopehttp.NewHandler(mux)

	// What a registry does for the rule saas.client[tenant=acme]=debug.
	acme, err := component.ParseCondition("tenant=acme")
	if err != nil {
		fmt.Println(err)
	}
	level.SetScoped([]component.Scoped{{Condition: acme, Level: zapcore.DebugLevel}})
	for _, tenant := range []string{"acme", "globex"} {
		req := httptest.NewRequest("GET", "/report", nil)
		req.Header.Set("X-Tenant", tenant)
		req.Header.Set("X-Request-Id", "req-"+tenant)
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, req)
		fmt.Println(tenant, w.Code, w.Header().Get("X-Request-Id"))
	}
	// Output:
	// {"level":"debug","logger":"saas.client","msg":"reusing session token","scope":"tenant=acme","age_s":3540}
	// acme 200 req-acme
	// globex 200 req-globex
}

// Sign makes the token of a signed debug header, as the command's
// "scopelog grant" does; a server whose handler has the same key
// (WithKey or WithKeyFile) accepts it until its until.
func ExampleSign() {
	key := []byte("a key of at least 32 bytes, from a file")
	tok, err := scopehttp.Sign(key, "saas.client", zapcore.DebugLevel, time.Now().Add(15*time.Minute))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(scopehttp.Header+":", tok[:3]+"…")
	// Output: Scopelog-Debug: v1.…
}
