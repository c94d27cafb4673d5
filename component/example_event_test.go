package component_test

import (
	"time"

	"github.com/scopelog/scopelog/component"
	"go.uber.org/zap/zapcore"
)

// The event form on a hot path: at Info, the Debug chain builds no field and
// costs about one atomic load; once the component is at Debug, it writes the
// same line as Debug with zap fields.
func ExampleLogger_DebugEvent() {
	level := component.NewLevel(zapcore.InfoLevel)
	db := component.New("db.pool", stdoutCore(), level)
	rows, elapsed := 3, 1500*time.Microsecond
	db.DebugEvent().Int("rows", rows).Dur("took", elapsed).Msg("hidden")
	level.SetLevel(zapcore.DebugLevel)
	db.DebugEvent().Int("rows", rows).Dur("took", elapsed).Msg("query")
	// Output:
	// {"level":"debug","logger":"db.pool","msg":"query","rows":3,"took":0.0015}
}
