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

// ZapLevel returns the zap level that gates a slog level, as
// component.Logger.Slog documents: below Info is Debug, then Info, Warn,
// and Error for LevelError and above.
func ZapLevel(l slog.Level) zapcore.Level {
	switch {
	case l < slog.LevelInfo:
		return zapcore.DebugLevel
	case l < slog.LevelWarn:
		return zapcore.InfoLevel
	case l < slog.LevelError:
		return zapcore.WarnLevel
	default:
		return zapcore.ErrorLevel
	}
}
