package component_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
)

// A middleware puts the tenant into each request's context; the code below
// it logs through Ctx. A scoped rule, which a registry sets from a rule such
// as saas.client[tenant=acme]=debug, then turns the debug lines on for that
// tenant's requests only, and each of them says why it was written.
func ExampleLogger_Ctx() {
	level := component.NewLevel(zapcore.InfoLevel)
	client := component.New("saas.client", stdoutCore(), level)

	withTenant := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			// After authentication, in a real program.
			ctx := component.WithScope(r.Context(), "tenant", r.Header.Get("X-Tenant"))
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
	report := withTenant(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log := client.Ctx(r.Context()) // kept for the request's length
		log.Debug("reusing session token", zap.Int("age_s", 3540))
		log.Info("report served")
	}))
	get := func(tenant string) {
		req := httptest.NewRequest("GET", "/report", nil)
		req.Header.Set("X-Tenant", tenant)
		report.ServeHTTP(httptest.NewRecorder(), req)
	}

	acme, err := component.ParseCondition("tenant=acme")
	if err != nil {
		fmt.Println(err)
		return
	}
	level.SetScoped([]component.Scoped{{Condition: acme, Level: zapcore.DebugLevel}})
	get("globex")
	get("acme")
	// Output:
	// {"level":"info","logger":"saas.client","msg":"report served"}
	// {"level":"debug","logger":"saas.client","msg":"reusing session token","scope":"tenant=acme","age_s":3540}
	// {"level":"info","logger":"saas.client","msg":"report served"}
}
