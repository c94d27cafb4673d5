package watcher

import (
	"context"
	"log/slog"
	"slices"
	"strings"

	"go.uber.org/zap/zapcore"
)

// slogCore is the core of the default logger: it hands each entry to
// slog.Default() as it is written, so that a program's own slog setup
// applies, and a program with none still gets the watcher's warnings on
// stderr through the log package. Degraded watching must never be silent.
type slogCore struct {
	fields []zapcore.Field
}

func slogLevel(l zapcore.Level) slog.Level {
	switch {
	case l <= zapcore.DebugLevel:
		return slog.LevelDebug
	case l == zapcore.InfoLevel:
		return slog.LevelInfo
	case l == zapcore.WarnLevel:
		return slog.LevelWarn
	default:
		return slog.LevelError
	}
}

func (c slogCore) Enabled(l zapcore.Level) bool {
	return slog.Default().Enabled(context.Background(), slogLevel(l))
}

func (c slogCore) With(fields []zapcore.Field) zapcore.Core {
	return slogCore{fields: append(slices.Clip(c.fields), fields...)}
}

func (c slogCore) Check(e zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	if c.Enabled(e.Level) {
		return ce.AddCore(e, c)
	}
	return ce
}

func (c slogCore) Write(e zapcore.Entry, fields []zapcore.Field) error {
	enc := zapcore.NewMapObjectEncoder()
	keys := make([]string, 0, len(c.fields)+len(fields))
	for _, f := range slices.Concat(c.fields, fields) {
		f.AddTo(enc)
		keys = append(keys, f.Key)
	}
	r := slog.NewRecord(e.Time, slogLevel(e.Level), e.Message, 0)
	for _, k := range slices.Compact(keys) {
		if v, ok := enc.Fields[k]; ok {
			if s, ok := v.(string); ok && strings.Contains(s, "\n") {
				v = strings.TrimSpace(s) // a panic's stack
			}
			r.AddAttrs(slog.Any(k, v))
			delete(enc.Fields, k)
		}
	}
	return slog.Default().Handler().Handle(context.Background(), r)
}

func (slogCore) Sync() error { return nil }
