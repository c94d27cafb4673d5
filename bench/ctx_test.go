package bench_test

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/registry"
)

// otherKey is the key of the values that other middleware puts in a
// request's context, above the scope.
type otherKey int

// deepContext returns a context whose innermost value, put there by put, is
// five values deep: four values of other middleware lie above it, as in a
// request that passed through a few layers after authentication. A
// ctx.Value walk for it visits five contexts.
func deepContext(put func(context.Context) context.Context) context.Context {
	ctx := put(context.Background())
	for i := range 4 {
		ctx = context.WithValue(ctx, otherKey(i), i)
	}
	return ctx
}

// scopeContext is a request's context holding three scope attributes, the
// tenant's given.
func scopeContext(tenant string) context.Context {
	return deepContext(func(ctx context.Context) context.Context {
		ctx = component.WithScope(ctx, "request", "7f3a9c2e")
		ctx = component.WithScope(ctx, "user", "42")
		return component.WithScope(ctx, "tenant", tenant)
	})
}

// newScoped returns the component "db" of a registry writing to w, at
// Info, with a scoped override at Debug for tenant acme, as
// `scopelog set 'db[tenant=acme]'` makes it.
func newScoped(b testing.TB, w io.Writer) *component.Logger {
	b.Helper()
	reg := registry.New(registry.WithCore(jsonCore(w, zapcore.DebugLevel)))
	l := reg.Component(name)
	if err := reg.Override(name+"[tenant=acme]", zapcore.DebugLevel, time.Now().Add(time.Hour)); err != nil {
		b.Fatal(err)
	}
	return l
}

// BenchmarkCtx measures calls through Logger.Ctx (issue 17), each scenario
// with its own peers:
//
//   - Disabled/NoScopedRule: a disabled two-field call through l.Ctx(ctx)
//     on a component no scoped rule covers: the zap form ("scopelog") beside
//     the same call on l ("scopelog-plain"), and the event form
//     ("scopelog-event") beside zerolog's disabled chain ("zerolog").
//   - Disabled/OtherTenant: the same call, with a scoped rule for another
//     tenant on the component, through a context holding three scope
//     attributes five values deep: the call must read the context. zerolog
//     is its context form, zerolog.Ctx(ctx).Debug()..., with its logger
//     stored in the context at the same depth: the same walk.
//   - Enabled/Matching: a two-field call through l.Ctx(ctx) whose context
//     meets the scoped rule, so that it is written, with the field scope,
//     as JSON to io.Discard; beside the same call on a component at Debug
//     with the same three fields ("-debug"), which writes the same line.
func BenchmarkCtx(b *testing.B) {
	b.Run("Disabled/NoScopedRule", func(b *testing.B) {
		ctx := scopeContext("acme")
		b.Run("scopelog", func(b *testing.B) {
			l := newScopelog(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Ctx(ctx).Debug("query", zap.Int("rows", rows), zap.String("sql", query))
			}
		})
		b.Run("scopelog-plain", func(b *testing.B) {
			l := newScopelog(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Debug("query", zap.Int("rows", rows), zap.String("sql", query))
			}
		})
		b.Run("scopelog-event", func(b *testing.B) {
			l := newScopelog(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Ctx(ctx).DebugEvent().Int("rows", rows).Str("sql", query).Msg("query")
			}
		})
		b.Run("zerolog", func(b *testing.B) {
			l := newZerolog(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Debug().Int("rows", rows).Str("sql", query).Msg("query")
			}
		})
	})

	b.Run("Disabled/OtherTenant", func(b *testing.B) {
		ctx := scopeContext("globex")
		b.Run("scopelog", func(b *testing.B) {
			l := newScoped(b, io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Ctx(ctx).Debug("query", zap.Int("rows", rows), zap.String("sql", query))
			}
		})
		b.Run("scopelog-event", func(b *testing.B) {
			l := newScoped(b, io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Ctx(ctx).DebugEvent().Int("rows", rows).Str("sql", query).Msg("query")
			}
		})
		b.Run("zerolog", func(b *testing.B) {
			l := newZerolog(io.Discard)
			zctx := deepContext(l.WithContext)
			b.ResetTimer()
			for range b.N {
				zerolog.Ctx(zctx).Debug().Int("rows", rows).Str("sql", query).Msg("query")
			}
		})
	})

	b.Run("Enabled/Matching", func(b *testing.B) {
		ctx := scopeContext("acme")
		scope := zap.String("scope", "tenant=acme")
		b.Run("scopelog", func(b *testing.B) {
			l := newScoped(b, io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Ctx(ctx).Debug("query", zap.Int("rows", rows), zap.String("sql", query))
			}
		})
		b.Run("scopelog-debug", func(b *testing.B) {
			l := newDebug(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Debug("query", scope, zap.Int("rows", rows), zap.String("sql", query))
			}
		})
		b.Run("scopelog-event", func(b *testing.B) {
			l := newScoped(b, io.Discard)
			b.ResetTimer()
			for range b.N {
				l.Ctx(ctx).DebugEvent().Int("rows", rows).Str("sql", query).Msg("query")
			}
		})
		b.Run("scopelog-event-debug", func(b *testing.B) {
			l := newDebug(io.Discard)
			b.ResetTimer()
			for range b.N {
				l.DebugEvent().Str("scope", "tenant=acme").Int("rows", rows).Str("sql", query).Msg("query")
			}
		})
	})
}

// newDebug returns the component "db" of a registry writing to w, at
// Debug.
func newDebug(w io.Writer) *component.Logger {
	return registry.New(registry.WithCore(jsonCore(w, zapcore.DebugLevel)), registry.WithDefaultLevel(zapcore.DebugLevel)).Component(name)
}

// TestCtxRowsDoTheSameWork checks that the rows of BenchmarkCtx compare
// like with like: a matching call through Ctx writes the line the
// component at Debug writes with the scope as a field, in both forms; the
// disabled rows write nothing; and zerolog finds its logger in its
// context.
func TestCtxRowsDoTheSameWork(t *testing.T) {
	var scoped, debug bytes.Buffer
	l := newScoped(t, &scoped)
	scoped.Reset() // the override's acknowledgement
	d := newDebug(&debug)
	acme, globex := scopeContext("acme"), scopeContext("globex")
	l.Ctx(acme).Debug("query", zap.Int("rows", rows), zap.String("sql", query))
	l.Ctx(acme).DebugEvent().Int("rows", rows).Str("sql", query).Msg("query")
	d.Debug("query", zap.String("scope", "tenant=acme"), zap.Int("rows", rows), zap.String("sql", query))
	d.DebugEvent().Str("scope", "tenant=acme").Int("rows", rows).Str("sql", query).Msg("query")
	if got, want := dropTimes(scoped.String()), dropTimes(debug.String()); got != want || strings.Count(got, "\n") != 2 {
		t.Errorf("through Ctx:\n%s\nat debug:\n%s", got, want)
	}

	scoped.Reset()
	l.Ctx(globex).Debug("query", zap.Int("rows", rows), zap.String("sql", query))
	l.Ctx(globex).DebugEvent().Int("rows", rows).Str("sql", query).Msg("query")
	plain := newScopelog(&scoped)
	plain.Ctx(acme).Debug("query", zap.Int("rows", rows), zap.String("sql", query))
	plain.Ctx(acme).DebugEvent().Int("rows", rows).Str("sql", query).Msg("query")
	if scoped.Len() != 0 {
		t.Errorf("a disabled row wrote %s", scoped.String())
	}

	var z bytes.Buffer
	zl := newZerolog(&z)
	zctx := deepContext(zl.WithContext)
	zerolog.Ctx(zctx).Info().Int("rows", rows).Str("sql", query).Msg("query")
	if !strings.Contains(z.String(), `"logger":"db"`) {
		t.Errorf("zerolog.Ctx did not find the logger: %q", z.String())
	}
}

// dropTimes removes the "ts" field of JSON lines.
func dropTimes(lines string) string {
	return regexp.MustCompile(`"ts":[0-9.e+]+,`).ReplaceAllString(lines, "")
}
