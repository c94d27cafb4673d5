package bench_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/scopehttp"
)

// BenchmarkRequestRecorded measures the recorder of a request (issue 18):
// a component at Info called at Debug through Logger.Ctx with the context
// of a request that records, whose recorder holds 1,000 entries and is
// warm. zap is a zap.Logger at Debug making the same call, which it
// encodes as JSON into io.Discard: capturing must cost no more, and
// allocate no more, than writing.
func BenchmarkRequestRecorded(b *testing.B) {
	b.Cleanup(dropPools)
	start := func(b *testing.B) (*component.Logger, context.Context) {
		l := component.New(name, jsonCore(io.Discard, zapcore.DebugLevel), component.NewLevel(zapcore.InfoLevel))
		ctx, rec := component.NewRecorderPool(1000, 64<<20).Start(context.Background(), "7f3a9c1e0b2d4f68")
		b.Cleanup(rec.End)
		for range 2000 {
			l.Ctx(ctx).Debug("query", zap.Int("rows", rows), zap.String("sql", query))
		}
		return l, ctx
	}
	b.Run("TwoFields", func(b *testing.B) {
		b.Run("scopelog", func(b *testing.B) {
			l, ctx := start(b)
			log := l.Ctx(ctx)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				log.Debug("query", zap.Int("rows", rows), zap.String("sql", query))
			}
		})
		b.Run("scopelog-event", func(b *testing.B) {
			l, ctx := start(b)
			log := l.Ctx(ctx)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				log.DebugEvent().Int("rows", rows).Str("sql", query).Msg("query")
			}
		})
		b.Run("zap", func(b *testing.B) {
			l := zap.New(jsonCore(io.Discard, zapcore.DebugLevel)).Named(name)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				l.Debug("query", zap.Int("rows", rows), zap.String("sql", query))
			}
		})
	})
}

// dropPools collects the recorder pools a benchmark made: while one is
// reachable, every call through Logger.Ctx below its level reads its
// context, which the benchmarks that follow must not pay for.
func dropPools() {
	runtime.GC()
	runtime.GC()
}

// nopWriter is a ResponseWriter that keeps nothing.
type nopWriter struct{ h http.Header }

func (w nopWriter) Header() http.Header       { return w.h }
func (nopWriter) Write(b []byte) (int, error) { return len(b), nil }
func (nopWriter) WriteHeader(int)             {}

// BenchmarkRequest measures what the middleware adds to a request that
// logs nothing and succeeds (issue 18): bare is the handler alone,
// scopelog the handler behind scopehttp.NewHandler with no option, and
// scopelog-recorder behind NewHandler with WithRecorder(100). The
// request carries an X-Request-Id, as behind a proxy.
func BenchmarkRequest(b *testing.B) {
	b.Cleanup(dropPools)
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(200) })
	run := func(b *testing.B, h http.Handler) {
		req := httptest.NewRequest("GET", "/report", nil)
		req.Header.Set("X-Request-Id", "7f3a9c1e0b2d4f68")
		w := nopWriter{http.Header{}}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			h.ServeHTTP(w, req)
		}
	}
	b.Run("bare", func(b *testing.B) { run(b, ok) })
	b.Run("scopelog", func(b *testing.B) { run(b, scopehttp.NewHandler(ok)) })
	b.Run("scopelog-recorder", func(b *testing.B) { run(b, scopehttp.NewHandler(ok, scopehttp.WithRecorder(100))) })
}
