package component_test

import (
	"errors"
	"time"

	"github.com/scopelog/scopelog/component"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// fixedClock gives every entry the same time, so that the example's output
// is stable.
type fixedClock struct{}

func (fixedClock) Now() time.Time                         { return time.Unix(1795680000, 0) }
func (fixedClock) NewTicker(d time.Duration) *time.Ticker { return time.NewTicker(d) }

// A component that records writes nothing below its level, but keeps those
// entries in memory and writes them out, marked recorded=true, just before
// its next error. A registry does this for the rule
// "saas.client=info record=50".
func ExampleLevel_SetRecord() {
	level := component.NewLevel(zapcore.InfoLevel)
	level.SetRecord(50)
	client := component.New("saas.client", stdoutCore(), level, zap.WithClock(fixedClock{}))

	client.Debug("login response not understood", zap.Strings("problems", []string{"no access_token"}))
	client.Debug("logged in", zap.String("token", ""))
	client.Info("report requested")
	client.Error("GET /v1/report failed", zap.Error(errors.New("401 Unauthorized")))
	// Output:
	// {"level":"info","logger":"saas.client","msg":"report requested"}
	// {"level":"info","logger":"saas.client","msg":"2 recorded entries before this error","from":1795680000,"to":1795680000}
	// {"level":"debug","logger":"saas.client","msg":"login response not understood","recorded":true,"problems":["no access_token"]}
	// {"level":"debug","logger":"saas.client","msg":"logged in","recorded":true,"token":""}
	// {"level":"error","logger":"saas.client","msg":"GET /v1/report failed","error":"401 Unauthorized"}
}
