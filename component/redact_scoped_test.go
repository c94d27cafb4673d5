package component

import (
	"context"
	"strings"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// The entries a scoped rule lets through, or records, are redacted as any
// other: through Bound's zap form, its event form, its Zap(), and Slog's
// context calls, to either kind of sink; the scoped rules' recorder holds
// no secret in its memory.
func TestRedactionOfScopedEntries(t *testing.T) {
	red := testRedactor(RedactConfig{})
	const secret = "s3cr3t-scoped-0042"
	want := red.Fingerprint(secret)
	ctx := WithScope(context.Background(), "tenant", "acme")
	fronts := []struct {
		name string
		log  func(l *Logger)
	}{
		{"Ctx", func(l *Logger) { l.Ctx(ctx).Debug("m", zap.String("token", secret)) }},
		{"Ctx event", func(l *Logger) { l.Ctx(ctx).DebugEvent().Str("password", secret).Msg("m") }},
		{"Ctx Zap", func(l *Logger) { l.Ctx(ctx).Zap().Debug("m", zap.String("cookie", secret)) }},
		{"Ctx Zap With", func(l *Logger) { l.Ctx(ctx).Zap().With(zap.String("session", secret)).Debug("m") }},
		{"Ctx Sugar", func(l *Logger) { l.Ctx(ctx).Sugar().Debugw("m", "api_key", secret) }},
		{"Slog context", func(l *Logger) { l.Slog().DebugContext(ctx, "m", "secret", secret) }},
		{"Slog With context", func(l *Logger) { l.Slog().With("token", secret).DebugContext(ctx, "m") }},
	}
	for _, sk := range sinks {
		for _, recorded := range []bool{false, true} {
			for _, fr := range fronts {
				mode := "written"
				if recorded {
					mode = "recorded"
				}
				t.Run(sk.name+"/"+mode+"/"+fr.name, func(t *testing.T) {
					lv := NewLevel(zapcore.InfoLevel)
					lv.SetRedactor(red)
					rule := Scoped{Condition: cond(t, "tenant=acme"), Level: zapcore.DebugLevel}
					if recorded {
						rule.Level, rule.Record = zapcore.InfoLevel, 10
					}
					lv.SetScoped([]Scoped{rule})
					l, out := sk.new(lv)
					fr.log(l)
					if recorded {
						assertRingHolds(t, lv.scopedRecorder(), secret, false)
						if n := l.Flush(); n != 1 {
							t.Fatalf("flushed %d entries, want 1", n)
						}
					}
					got := out()
					if strings.Contains(got, secret) {
						t.Errorf("the secret is written:\n%s", got)
					}
					if !strings.Contains(got, want) {
						t.Errorf("no fingerprint %s:\n%s", want, got)
					}
					if !strings.Contains(got, "tenant=acme") {
						t.Errorf("no scope:\n%s", got)
					}
				})
			}
		}
	}
}
