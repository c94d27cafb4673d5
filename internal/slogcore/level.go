package slogcore

import (
	"log/slog"

	"go.uber.org/zap/zapcore"
)

// Level returns the slog level of a zap level: Debug, Info and Warn as
// themselves, Error and above as slog.LevelError.
func Level(l zapcore.Level) slog.Level {
	switch {
	case l < zapcore.InfoLevel:
		return slog.LevelDebug
	case l == zapcore.InfoLevel:
		return slog.LevelInfo
	case l == zapcore.WarnLevel:
		return slog.LevelWarn
	default:
		return slog.LevelError
	}
}
