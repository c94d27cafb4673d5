package main

import (
	"fmt"
	"net/http"
	"time"

	"go.uber.org/zap"

	"github.com/scopelog/scopelog/component"
)

// routes returns the app's handler: its endpoints and the scopelog admin
// handler, wrapped in request logging, itself wrapped in withTenant, which
// puts the tenant a request names into its context.
func routes(log, clock *component.Logger, delay time.Duration, client *saasClient, api *saasAPI, scopelog http.Handler) http.Handler {
	mux := http.NewServeMux()
	// It refuses, by itself, any client but this machine's.
	mux.Handle("/debug/scopelog", scopelog)
	mux.Handle("GET /{$}", clockHandler(clock, delay))
	mux.Handle("GET /report", reportHandler(log, client))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	// Demo only: throw the fake API's switch, so that /report starts
	// failing as it would the day a provider changes its responses.
	// With ?tenant=, for that tenant's account only.
	mux.HandleFunc("POST /admin/saas/break", func(w http.ResponseWriter, r *http.Request) {
		if t := tenantOf(r.Context()); t != "" {
			api.SetV2For(t, true)
			fmt.Fprintf(w, "the SaaS API now answers the logins of %s with its v2 shape, and has revoked its sessions\n", t)
			return
		}
		api.SetV2(true)
		fmt.Fprintln(w, "the SaaS API now answers logins with its v2 shape, and has revoked every session")
	})
	mux.HandleFunc("POST /admin/saas/fix", func(w http.ResponseWriter, r *http.Request) {
		if t := tenantOf(r.Context()); t != "" {
			api.SetV2For(t, false)
			fmt.Fprintf(w, "the SaaS API answers the logins of %s with its v1 shape again, and has revoked its sessions\n", t)
			return
		}
		api.SetV2(false)
		fmt.Fprintln(w, "the SaaS API answers logins with its v1 shape again, and has revoked every session")
	})
	return withTenant(logRequests(log, mux))
}

// logRequests logs each request: its headers at Debug when it arrives,
// with credentials redacted, and one line at Info when it is served.
func logRequests(log *component.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		log := log.Ctx(r.Context())
		log.Debug("request received", zap.String("method", r.Method), zap.String("path", r.URL.Path),
			zap.String("remote", r.RemoteAddr), zap.Object("headers", headers(r.Header)))
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		log.Info("request", zap.String("method", r.Method), zap.String("path", r.URL.Path), tenantField(r.Context()),
			zap.Int("status", rec.status), zap.Int("bytes", rec.bytes), zap.Duration("duration", time.Since(start)))
	})
}

// statusRecorder notes the status and size of a response.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
