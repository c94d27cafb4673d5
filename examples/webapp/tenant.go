package main

import (
	"context"
	"fmt"
	"net/http"

	"github.com/scopelog/scopelog/component"
)

// How a request names its tenant in this demo: the query parameter
// "tenant", or else the header X-Tenant. A real app takes the tenant from
// the caller's authentication.
const (
	tenantParam  = "tenant"
	tenantHeader = "X-Tenant"
)

// maxTenant bounds a tenant's name: the SaaS client keeps a session per
// tenant, so that the names a client makes up must not grow it without
// bound.
const maxTenant = 32

// tenantKey is the app's own context key for the tenant of a request.
type tenantKey struct{}

// withTenant puts the tenant a request names into its context twice: where
// the app reads it (the SaaS client keeps a session per tenant), and as the
// scope attribute "tenant", where scopelog reads it, so that a rule such as
// saas.client[tenant=acme]=debug turns on the debug lines of that tenant's
// requests only. A request that names no tenant has none; one that names
// an invalid tenant gets 400.
func withTenant(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t := r.URL.Query().Get(tenantParam)
		if t == "" {
			t = r.Header.Get(tenantHeader)
		}
		if t == "" {
			next.ServeHTTP(w, r)
			return
		}
		if err := checkTenant(t); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		ctx := context.WithValue(r.Context(), tenantKey{}, t)
		ctx = component.WithScope(ctx, "tenant", t)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// checkTenant accepts 1 to 32 bytes of [a-z0-9-].
func checkTenant(t string) error {
	ok := len(t) <= maxTenant
	for i := 0; ok && i < len(t); i++ {
		c := t[i]
		ok = 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-'
	}
	if !ok {
		return fmt.Errorf("invalid tenant: expected 1 to %d bytes of [a-z0-9-]", maxTenant)
	}
	return nil
}

// tenantOf returns the tenant of a request's context, "" if none.
func tenantOf(ctx context.Context) string {
	t, _ := ctx.Value(tenantKey{}).(string)
	return t
}
