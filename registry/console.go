package registry

import (
	"io"
	"os"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// WithConsole makes every component write human-readable lines to w, for a
// terminal or a development run, instead of JSON: zap's console encoder,
// one line per entry with an ISO 8601 time, the level, the component's
// name, the message and the fields as JSON:
//
//	2026-11-26T14:03:07.512+0100	DEBUG	saas.client	token refreshed	{"expires_in": 3600}
//
// The core writes Debug and above, so that the rules alone decide what each
// component writes. Writes to w are serialized; a nil w means os.Stderr.
//
// WithConsole sets the sink, as [WithCore] and [WithHandler] do: the last
// of them given wins.
func WithConsole(w io.Writer) Option {
	return optionFunc(func(c *config) { c.core, c.handler = consoleCore(w), nil })
}

func consoleCore(w io.Writer) zapcore.Core {
	if w == nil {
		w = os.Stderr
	}
	cfg := zap.NewDevelopmentEncoderConfig() // ISO 8601 times, capital levels
	return zapcore.NewCore(zapcore.NewConsoleEncoder(cfg), zapcore.Lock(zapcore.AddSync(w)), zapcore.DebugLevel)
}
