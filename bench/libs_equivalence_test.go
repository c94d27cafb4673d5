package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"go.uber.org/zap"
)

// TestLibrariesWriteAlike checks that the loggers the benchmarks compare do
// the same work: at Info, each writes one JSON line carrying the time, the
// level, the logger name, the message and both fields (and the five context
// fields where the benchmark accumulates them); at Debug, each writes
// nothing.
func TestLibrariesWriteAlike(t *testing.T) {
	ctx := context.Background()
	type logFuncs struct {
		enabled, disabled, withContext func()
	}
	libs := map[string]func(w *bytes.Buffer) logFuncs{
		"scopelog": func(w *bytes.Buffer) logFuncs {
			l := newScopelog(w)
			return logFuncs{
				enabled:     func() { l.Info("query", zap.Int("rows", rows), zap.String("sql", query)) },
				disabled:    func() { l.Debug("query", zap.Int("rows", rows), zap.String("sql", query)) },
				withContext: func() { l.With(contextFields()...).Info("query") },
			}
		},
		"scopelog-event": func(w *bytes.Buffer) logFuncs {
			l := newScopelog(w)
			return logFuncs{
				enabled:     func() { l.InfoEvent().Int("rows", rows).Str("sql", query).Msg("query") },
				disabled:    func() { l.DebugEvent().Int("rows", rows).Str("sql", query).Msg("query") },
				withContext: func() { l.With(contextFields()...).InfoEvent().Msg("query") },
			}
		},
		"zap": func(w *bytes.Buffer) logFuncs {
			l := newZap(w)
			return logFuncs{
				enabled:     func() { l.Info("query", zap.Int("rows", rows), zap.String("sql", query)) },
				disabled:    func() { l.Debug("query", zap.Int("rows", rows), zap.String("sql", query)) },
				withContext: func() { l.With(contextFields()...).Info("query") },
			}
		},
		"zap-atomic": func(w *bytes.Buffer) logFuncs {
			l := newZapAtomic(w)
			return logFuncs{
				enabled:  func() { l.Info("query", zap.Int("rows", rows), zap.String("sql", query)) },
				disabled: func() { l.Debug("query", zap.Int("rows", rows), zap.String("sql", query)) },
			}
		},
		"zap-sugar": func(w *bytes.Buffer) logFuncs {
			l := newZap(w).Sugar()
			return logFuncs{
				enabled:  func() { l.Infow("query", "rows", rows, "sql", query) },
				disabled: func() { l.Debugw("query", "rows", rows, "sql", query) },
			}
		},
		"slog": func(w *bytes.Buffer) logFuncs {
			l := newSlog(w)
			return logFuncs{
				enabled: func() {
					l.LogAttrs(ctx, slog.LevelInfo, "query", slog.Int("rows", rows), slog.String("sql", query))
				},
				disabled: func() {
					l.LogAttrs(ctx, slog.LevelDebug, "query", slog.Int("rows", rows), slog.String("sql", query))
				},
				withContext: func() { l.With(contextAttrs()...).LogAttrs(ctx, slog.LevelInfo, "query") },
			}
		},
		"go-log": func(w *bytes.Buffer) logFuncs {
			l := newGoLog(w)
			return logFuncs{
				enabled:     func() { l.Infow("query", "rows", rows, "sql", query) },
				disabled:    func() { l.Debugw("query", "rows", rows, "sql", query) },
				withContext: func() { l.With(contextKeysAndValues()...).Infow("query") },
			}
		},
		"zerolog": func(w *bytes.Buffer) logFuncs {
			l := newZerolog(w)
			return logFuncs{
				enabled:     func() { l.Info().Int("rows", rows).Str("sql", query).Msg("query") },
				disabled:    func() { l.Debug().Int("rows", rows).Str("sql", query).Msg("query") },
				withContext: func() { l := zerologContext(l); l.Info().Msg("query") },
			}
		},
		"phuslu": func(w *bytes.Buffer) logFuncs {
			l := newPhuslu(w)
			withContext := newPhuslu(w, phusluContext)
			return logFuncs{
				enabled:     func() { l.Info().Int("rows", rows).Str("sql", query).Msg("query") },
				disabled:    func() { l.Debug().Int("rows", rows).Str("sql", query).Msg("query") },
				withContext: func() { withContext.Info().Msg("query") },
			}
		},
	}
	for lib, build := range libs {
		t.Run(lib, func(t *testing.T) {
			var buf bytes.Buffer
			f := build(&buf)

			f.disabled()
			if buf.Len() != 0 {
				t.Fatalf("a Debug call at Info wrote %q", buf.String())
			}

			f.enabled()
			e := decodeOne(t, &buf)
			want := map[string]any{"logger": name, "msg": "query", "rows": float64(rows), "sql": query}
			for k, v := range want {
				if e[k] != v {
					t.Errorf("%s = %#v, want %#v in %v", k, e[k], v, e)
				}
			}
			if lvl, _ := e["level"].(string); !strings.EqualFold(lvl, "info") {
				t.Errorf("level = %#v, want info", e["level"])
			}
			if lib != "slog" {
				// slog's JSON handler names the time "time", and has no option
				// to rename it but a ReplaceAttr function on every attribute.
				if ts, ok := e["ts"].(float64); !ok || ts <= 0 {
					t.Errorf("ts = %#v, want a Unix time", e["ts"])
				}
			}

			if f.withContext == nil {
				return
			}
			f.withContext()
			e = decodeOne(t, &buf)
			for _, k := range []string{"request", "attempt", "user", "tls", "timeout"} {
				if _, ok := e[k]; !ok {
					t.Errorf("context field %q missing from %v", k, e)
				}
			}
		})
	}
}

// decodeOne decodes the single JSON line in buf and empties buf.
func decodeOne(t *testing.T, buf *bytes.Buffer) map[string]any {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	buf.Reset()
	if len(lines) != 1 || lines[0] == "" {
		t.Fatalf("wrote %d lines %q, want one", len(lines), lines)
	}
	var e map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &e); err != nil {
		t.Fatalf("not JSON: %q: %v", lines[0], err)
	}
	return e
}
