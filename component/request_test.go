package component

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/internal/slogcore"
)

func TestRequestRecorderHoldsWhatLevelsDrop(t *testing.T) {
	core, entries := jsonCore(t)
	db := New("db", core, NewLevel(zapcore.InfoLevel)).With(zap.String("shard", "a"))
	saas := New("saas.client", core, NewLevel(zapcore.InfoLevel))
	pool := NewRecorderPool(10, 1<<20)
	ctx, rec := pool.Start(WithScope(context.Background(), "request", "r1"), "r1")
	other, otherRec := pool.Start(context.Background(), "r2")
	defer otherRec.End()
	db.Ctx(ctx).Debug("query", zap.Int("rows", 3))
	saas.Ctx(ctx).DebugEvent().Str("url", "/v1").Msg("call")
	saas.Ctx(ctx).Zap().With(zap.Int("try", 1)).Debug("zap form")
	saas.Slog().DebugContext(ctx, "slog form", "k", "v")
	db.Ctx(other).Debug("another request")
	db.Ctx(ctx).Info("written anyway")
	if rec.Held() != 4 || otherRec.Held() != 1 {
		t.Fatalf("held %d and %d, want 4 and 1", rec.Held(), otherRec.Held())
	}
	if got := entries(); len(got) != 1 || got[0]["msg"] != "written anyway" {
		t.Fatalf("before the error: %v", got)
	}
	saas.Ctx(ctx).Error("failed")
	got := entries()
	var msgs []string
	for _, e := range got[1:] {
		msgs = append(msgs, e["msg"].(string))
	}
	want := "4 recorded entries of request r1, written because of an entry at error,query,call,zap form,slog form,failed"
	if strings.Join(msgs, ",") != want {
		t.Fatalf("entries %q\nwant %q", msgs, want)
	}
	if got[1]["request"] != "r1" {
		t.Errorf("intro %v", got[1])
	}
	for i, e := range got[2:6] {
		if e["recorded"] != true || e["level"] != "debug" {
			t.Errorf("recorded entry %d: %v", i, e)
		}
	}
	if got[2]["shard"] != "a" || got[2]["rows"] != 3.0 || got[2]["logger"] != "db" || got[4]["try"] != 1.0 || got[5]["k"] != "v" {
		t.Errorf("recorded entries lost their fields or names: %v", got[2:6])
	}
	if rec.Held() != 0 {
		t.Error("the flush left entries")
	}
	rec.End()
	db.Ctx(ctx).Debug("after the end")
	if rec.Held() != 0 || rec.Flush("nothing") != 0 || pool.Used() != int64(otherRec.rec.ring.size()) {
		t.Errorf("an ended recorder holds %d, pool used %d", rec.Held(), pool.Used())
	}
}

func TestRequestRecorderSlogHandlerSink(t *testing.T) {
	var buf strings.Builder
	h := slog.NewJSONHandler(&lockedStringWriter{b: &buf}, &slog.HandlerOptions{Level: slog.LevelDebug})
	l := New("db", slogcore.New(h), NewLevel(zapcore.InfoLevel))
	pool := NewRecorderPool(10, 1<<20)
	ctx, rec := pool.Start(context.Background(), "r9")
	defer rec.End()
	l.Slog().DebugContext(ctx, "held", "n", 1)
	if rec.Held() != 1 || buf.Len() != 0 {
		t.Fatalf("held %d, output %q", rec.Held(), buf.String())
	}
	l.Slog().ErrorContext(ctx, "failed")
	out := buf.String()
	if !strings.Contains(out, `"msg":"held"`) || !strings.Contains(out, `"recorded":true`) || strings.Index(out, "held") > strings.Index(out, "failed") {
		t.Fatalf("output %s", out)
	}
}

func TestRequestRecorderBounds(t *testing.T) {
	l := New("db", discardJSONCore(), NewLevel(zapcore.InfoLevel))
	pool := NewRecorderPool(5, 1<<20)
	ctx, rec := pool.Start(context.Background(), "r1")
	for i := range 8 {
		l.Ctx(ctx).Debug("n", zap.Int("i", i))
	}
	if rec.Held() != 5 {
		t.Errorf("held %d entries, want 5", rec.Held())
	}
	big := strings.Repeat("x", 64<<10)
	for range 10 {
		l.Ctx(ctx).Debug("big", zap.String("body", big[1:]))
	}
	if s := rec.rec.ring.size(); s > MaxRequestRecorded {
		t.Errorf("a request holds %d bytes, above %d", s, MaxRequestRecorded)
	}
	if pool.Used() != int64(rec.rec.ring.size()) {
		t.Errorf("pool used %d, ring holds %d", pool.Used(), rec.rec.ring.size())
	}
	rec.End()
	if pool.Used() != 0 {
		t.Errorf("pool used %d after the end", pool.Used())
	}
}

func TestRecorderPoolRefusesPastItsBudget(t *testing.T) {
	l := New("db", discardJSONCore(), NewLevel(zapcore.InfoLevel))
	pool := NewRecorderPool(100, 64<<10)
	big := strings.Repeat("x", 20<<10)
	var recs []*RequestRecorder
	for i := 0; ; i++ {
		ctx, rec := pool.Start(context.Background(), "r")
		if rec == nil {
			break
		}
		if i > 100 {
			t.Fatal("the pool never refuses")
		}
		recs = append(recs, rec)
		l.Ctx(ctx).Debug("big", zap.String("body", big))
		if pool.Used() > pool.Budget() {
			t.Fatalf("pool used %d above its budget %d", pool.Used(), pool.Budget())
		}
	}
	if pool.Refused() != 1 {
		t.Errorf("refused %d", pool.Refused())
	}
	for _, r := range recs {
		r.End()
	}
	if pool.Used() != 0 {
		t.Errorf("pool used %d after every end", pool.Used())
	}
	if _, rec := pool.Start(context.Background(), "r"); rec == nil {
		t.Error("the pool refuses with its budget given back")
	}
}
