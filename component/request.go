package component

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// MaxRequestRecorded bounds the memory in which one request records its
// entries (see [RecorderPool]): its captured entries and the arrays that
// hold them, every byte counted.
const MaxRequestRecorded = 256 << 10

// RecorderPool makes the recorders of requests and bounds the memory they
// hold together. A request's recorder (see [RecorderPool.Start]) keeps,
// captured at the call as [Level.SetRecord] does, the last n entries that
// the components' levels drop, of the calls made with the request's
// context through bound loggers ([Logger.Ctx]) and the slog context calls:
// from Debug up, from every component. [RequestRecorder.Flush] writes them
// out, each through its own component and sink; a call at Error or above
// with the request's context flushes them first; [RequestRecorder.End]
// drops them.
//
// A request holds at most n entries and [MaxRequestRecorded] bytes; the
// requests of a pool together hold at most its budget, counted as the
// component recorder counts (the captured bytes, the buffers and their
// slots, as allocated). A request whose recorder cannot grow within the
// budget drops its oldest entries, and the pool is then past its budget
// until some memory is given back: a request started meanwhile, or when
// the pool has no room left, records nothing, and [RecorderPool.Refused]
// counts it.
//
// While a RecorderPool is reachable, every call through a bound logger
// below its component's level reads its context (one ctx.Value walk), as
// when a scoped rule covers the component; a call that the request
// records costs its capture. A RecorderPool is safe for concurrent use.
type RecorderPool struct {
	n       int
	budget  int64
	used    atomic.Int64
	refused atomic.Uint64
	// full is set when a recorder could not grow within the budget, and
	// cleared when memory is given back: meanwhile, the pool is past its
	// budget, and new requests do not record.
	full atomic.Bool
}

// NewRecorderPool returns a pool whose requests keep their last n entries
// (1 to [MaxRecord]), within budget bytes together. It panics on an n or
// a budget out of range: both come from the program.
func NewRecorderPool(n int, budget int64) *RecorderPool {
	if n < 1 || n > MaxRecord {
		panic(fmt.Sprintf("component: NewRecorderPool: n %d out of range 1 to %d", n, MaxRecord))
	}
	if budget < minRequestRoom {
		panic(fmt.Sprintf("component: NewRecorderPool: budget %d below %d bytes", budget, minRequestRoom))
	}
	p := &RecorderPool{n: n, budget: budget}
	interested(1)
	runtime.AddCleanup(p, func(struct{}) { interested(-1) }, struct{}{})
	return p
}

// minRequestRoom is the room a request's recorder needs for its first
// entry of a few hundred bytes: the smallest buffer and slots.
var minRequestRoom = int64(minRingBytes + slotsSize(minRingSlots))

// Refused returns the number of requests that found the pool's budget
// spent, and recorded nothing.
func (p *RecorderPool) Refused() uint64 { return p.refused.Load() }

// Used returns the bytes the pool's recorders hold.
func (p *RecorderPool) Used() int64 { return p.used.Load() }

// Budget returns the pool's budget, in bytes.
func (p *RecorderPool) Budget() int64 { return p.budget }

// take reserves n bytes of the budget, if it has them.
func (p *RecorderPool) take(n int) bool {
	for {
		u := p.used.Load()
		if u+int64(n) > p.budget {
			p.full.Store(true)
			return false
		}
		if p.used.CompareAndSwap(u, u+int64(n)) {
			return true
		}
	}
}

// give returns n bytes to the budget.
func (p *RecorderPool) give(n int) {
	if n > 0 {
		p.used.Add(-int64(n))
		p.full.Store(false)
	}
}

// RequestRecorder is the recorder of one request: see [RecorderPool]. Its
// methods are safe for concurrent use, and on a nil *RequestRecorder do
// nothing.
type RequestRecorder struct {
	id   string
	pool *RecorderPool
	rec  recorder
}

// Start returns a copy of ctx that carries a new recorder for the request
// id, and the recorder; or ctx and nil if the pool's budget is spent. End
// the recorder when the request ends. id names the request in the entry
// that introduces a flush; one that breaks [ScopeValueRule] is not
// printed.
func (p *RecorderPool) Start(ctx context.Context, id string) (context.Context, *RequestRecorder) {
	if p.full.Load() || p.used.Load()+minRequestRoom > p.budget {
		p.refused.Add(1)
		return ctx, nil
	}
	r := &RequestRecorder{id: id, pool: p}
	r.rec.max = p.n
	r.rec.ring = ring{budget: MaxRequestRecorded, shared: p}
	s := new(scope)
	if old := scopeOf(ctx); old != nil {
		*s = *old
	}
	s.rec = r
	return context.WithValue(ctx, scopeKey{}, s), r
}

// Held returns the number of entries the recorder holds.
func (r *RequestRecorder) Held() int {
	if r == nil {
		return 0
	}
	return int(r.rec.held.Load())
}

// Flush writes out the recorded entries, oldest first, each through the
// component and sink that would have written it, with the field
// recorded=true and its own time and level, after one entry that names the
// request (the field "request"), their count, and why: because. It
// empties the recorder, which goes on recording, and returns the count.
func (r *RequestRecorder) Flush(because string) int {
	if r == nil {
		return 0
	}
	return r.rec.drain(func(t *ring) {
		first, s := t.entry(0)
		last, _ := t.entry(t.n - 1)
		from, _, _ := replay(first, nil)
		to, _, _ := replay(last, nil)
		msg := fmt.Sprintf("%d recorded entries of this request, written because of %s", t.n, because)
		fields := []zapcore.Field{zap.Time("from", from.Time), zap.Time("to", to.Time)}
		if CheckScopeValue(r.id) == nil {
			msg = fmt.Sprintf("%d recorded entries of request %s, written because of %s", t.n, r.id, because)
			fields = append(fields, zap.String("request", r.id))
		}
		writeUncounted(s.sinkCore(), zapcore.Entry{LoggerName: from.LoggerName, Time: time.Now(), Level: zapcore.InfoLevel, Message: msg}, fields)
		t.writeOut(writeUncounted)
		r.pool.give(t.size())
	})
}

// End drops what the recorder holds, gives its memory back to the pool,
// and makes it record no more: call it when the request ends.
func (r *RequestRecorder) End() {
	if r == nil {
		return
	}
	r.rec.mu.Lock()
	r.rec.ended = true
	t := r.rec.ring.take()
	r.rec.held.Store(0)
	r.rec.mu.Unlock()
	r.pool.give(t.size())
}

// flushOnError flushes the recorder of ctx's request, if any holds
// entries, before an entry at lvl, Error or above, with that context.
func flushOnError(ctx context.Context, lvl zapcore.Level) {
	if lvl < zapcore.ErrorLevel || interest.Load() == 0 {
		return
	}
	if s := scopeOf(ctx); s != nil && s.rec != nil && s.rec.rec.held.Load() > 0 {
		s.rec.Flush("an entry at " + lvl.String())
	}
}

// carrier is the hidden field that takes a request's recorder to the
// decidedGate that records for it, through zap's Check and Write: zap
// encoders skip it.
func carrier(r *RequestRecorder) zap.Field {
	return zap.Field{Type: zapcore.SkipType, Interface: r}
}

// writeUncounted writes ent straight to core, as a component's recorder
// does, without counting it: the entries of a request come from many
// components.
func writeUncounted(core zapcore.Core, ent zapcore.Entry, fields []zapcore.Field) {
	if core.Enabled(ent.Level) {
		_ = core.Write(ent, fields)
	}
}
