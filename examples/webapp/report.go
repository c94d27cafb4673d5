package main

import (
	"net/http"

	"go.uber.org/zap"

	"github.com/scopelog/scopelog/component"
)

// reportHandler serves /report from the SaaS API. A failure is logged at
// Error with the client's error, which names the symptom (a status code);
// the cause is in the client's debug lines.
func reportHandler(log *component.Logger, client *saasClient) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rep, err := client.Report(r.Context())
		if err != nil {
			log.Ctx(r.Context()).Error("report failed", tenantField(r.Context()), zap.Error(err))
			http.Error(w, "report failed", http.StatusInternalServerError)
			return
		}
		writeJSON(w, http.StatusOK, rep)
	})
}
