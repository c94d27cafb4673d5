package component_test

import (
	"net/http"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
)

// Secrets are written as fingerprints: the same token shows the same
// fingerprint, in a field of its own and inside the Authorization header
// that carried it, and never appears itself. A fleet gives every replica
// the same key; without one, each process draws its own.
func ExampleRedactor() {
	lv := component.NewLevel(zapcore.DebugLevel)
	lv.SetRedactor(component.NewRedactor(component.RedactConfig{Key: []byte("the fleet's key, 32 random bytes")}))
	client := component.New("saas.client", stdoutCore(), lv)

	client.Debug("logged in", zap.String("token", "tok_0123456789abcdef"))
	client.Debug("request", zap.Any("headers", http.Header{"Authorization": {"Bearer tok_0123456789abcdef"}}))
	client.Debug("retrying", component.Secret("upstream", "sk_live_42"))
	// Output:
	// {"level":"debug","logger":"saas.client","msg":"logged in","token":"[redacted b2917f07]"}
	// {"level":"debug","logger":"saas.client","msg":"request","headers":{"Authorization":["Bearer [redacted b2917f07]"]}}
	// {"level":"debug","logger":"saas.client","msg":"retrying","upstream":"[redacted 68660ed3]"}
}
