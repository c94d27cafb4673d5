package component

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// MaxRecord is the most entries a component may record.
const MaxRecord = 10000

// maxRecordedBytes bounds the memory in which one component records its
// entries: see [ring].
const maxRecordedBytes = 1 << 20

// recordedKey marks the entries a flush writes.
const recordedKey = "recorded"

// recordedField leads the fields of every recorded entry, so that it comes
// before the entry's own fields and any namespace they open.
var recordedField = zap.Bool(recordedKey, true)

// SetRecord makes the Level record: the components that share it keep in
// memory their last n entries below the level they write, from Debug up,
// and write them out, oldest first, before their next entry at Error or
// above, or when [Logger.Flush] asks. An n of 0 or less stops recording
// and drops what was recorded; another n resizes the buffer, keeping the
// newest entries. n is capped at [MaxRecord].
//
// Besides the n entries, a recording Level holds at most 1 MiB of memory,
// every byte counted; the oldest entries go first. Each entry is captured
// at the call into bytes of the recorder's own: its message, caller, keys,
// strings and byte slices are copied (a string sliced from a larger one
// does not keep the larger alive), and objects, arrays, errors, stringers
// and reflected values are encoded. Those bytes, the buffer that holds
// them and its array of slots (24 bytes per entry) count against the 1 MiB,
// which is the heap the recorder retains: measured after a collection, a
// full recorder keeps 1 MiB and about 100 bytes alive, whatever it records
// (1,000 strings sliced from 64 KiB bodies, 20,000 entries of 300 fields,
// 1,000 objects of 10 KiB). A Debug with two fields takes about 75 bytes,
// so 1 MiB holds 10,000 of them. An entry that does not fit in 1 MiB beside
// the recorder's arrays is not recorded.
//
// A recorded entry keeps, for its logger's With context, the fields given
// to With, captured likewise, rather than the logger's core: a logger
// derived for each request is not kept alive by the entries it recorded.
// A logger derived by With before the Level started recording keeps its
// own core for its entries, which then keep it alive beside the 1 MiB.
//
// While a Level records, the level every call checks is Debug: a call below
// the written level costs about what an enabled call costs, as it captures
// its entry, and [Logger.Enabled] reports true for it.
func (lv *Level) SetRecord(n int) {
	if n <= 0 && lv.rec.Load() == nil {
		// The common case of a reload, without the lock.
		return
	}
	lv.mu.Lock()
	defer lv.mu.Unlock()
	n = min(n, MaxRecord)
	old := lv.rec.Load()
	switch {
	case n <= 0 && old == nil:
		return
	case n <= 0:
		lv.rec.Store(nil)
	case old == nil:
		lv.rec.Store(newRecorder(n, lv))
	default:
		old.resize(n)
		return
	}
	lv.setFloor()
}

// Record returns the n of [Level.SetRecord] in force, 0 if the Level does
// not record.
func (lv *Level) Record() int {
	rec := lv.rec.Load()
	if rec == nil {
		return 0
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.max
}

// Recorded returns the number of entries recorded and not yet written out.
func (lv *Level) Recorded() int {
	rec := lv.rec.Load()
	if rec == nil {
		return 0
	}
	return int(rec.held.Load())
}

// recorder holds a component's recorded entries, captured (see [capturer.entry])
// into a ring bounded by maxRecordedBytes.
//
// Loggers record under mu, which guards only the ring: a flush takes the
// ring's arrays under mu and writes their entries with mu released, so
// loggers wait for no write. flushMu makes flushes one at a time, so that
// entries leave in the order they were recorded.
type recorder struct {
	flushMu sync.Mutex

	mu   sync.Mutex
	max  int
	ring ring
	// held mirrors ring.n, for reads without the lock.
	held atomic.Int64
	// ended makes add record nothing: a request's recorder, once its
	// request has ended.
	ended bool
	// lv counts the entries a flush writes (stats.go).
	lv *Level
}

func newRecorder(max int, lv *Level) *recorder {
	return &recorder{max: max, ring: ring{budget: maxRecordedBytes}, lv: lv}
}

// captures holds the capturers that entries are captured into before they
// are copied into a ring, so that a marshaler of the caller's runs with no
// lock held.
var captures = sync.Pool{
	New: func() any { return &capturer{b: make([]byte, 0, 1<<10)} },
}

// maxPooledCapture bounds the capture buffers kept for reuse, so that one
// huge entry does not pin its buffer for the life of the program.
const maxPooledCapture = 64 << 10

// add records ent, which s would have written with the context ctx and
// fields.
func (r *recorder) add(ent zapcore.Entry, s sink, ctx []byte, fields []zapcore.Field) {
	c := captures.Get().(*capturer)
	c.entry(ent, ctx, fields)
	r.mu.Lock()
	if !r.ended {
		r.ring.push(c.b, s, r.max)
		r.held.Store(int64(r.ring.n))
	}
	r.mu.Unlock()
	if cap(c.b) <= maxPooledCapture {
		c.b = c.b[:0]
		captures.Put(c)
	}
}

// resize changes max to n, dropping the oldest entries beyond it.
func (r *recorder) resize(n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.max = n
	r.ring.setMax(n)
	r.held.Store(int64(r.ring.n))
}

// flush writes out the recorded entries, oldest first, each through the
// sink that would have written it, after an entry on core that introduces
// them: intro, formatted with their count. It empties the recorder and
// returns the count.
func (r *recorder) flush(core zapcore.Core, name string, at time.Time, intro string) int {
	return r.drain(func(taken *ring) {
		first, _ := taken.entry(0)
		last, _ := taken.entry(taken.n - 1)
		from, _, _ := replay(first, nil)
		to, _, _ := replay(last, nil)
		r.write(core, zapcore.Entry{LoggerName: name, Time: at, Level: zapcore.InfoLevel, Message: fmt.Sprintf(intro, taken.n)},
			[]zapcore.Field{zap.Time("from", from.Time), zap.Time("to", to.Time)})
		taken.writeOut(r.write)
	})
}

// drain empties the recorder and, if it held entries, gives them to out,
// which writes them; flushes are one at a time, so that entries leave in
// the order they were recorded. It returns the number of entries.
func (r *recorder) drain(out func(taken *ring)) int {
	r.flushMu.Lock()
	defer r.flushMu.Unlock()
	r.mu.Lock()
	if r.ring.n == 0 {
		r.mu.Unlock()
		return 0
	}
	// The ring's arrays leave, so that the next entries do not overwrite
	// them while they are written; the next entries get new ones.
	taken := r.ring.take()
	r.held.Store(0)
	r.mu.Unlock()
	out(&taken)
	return taken.n
}

// write writes ent straight to core, past any sampler that Check would
// consult: a flush writes every entry it took. It counts the entry as
// written by the component.
func (r *recorder) write(core zapcore.Core, ent zapcore.Entry, fields []zapcore.Field) {
	if core.Enabled(ent.Level) {
		r.lv.wrote(ent.Level)
		// A sink that fails has no better place to report it than a Write
		// of its own, which would fail too.
		_ = core.Write(ent, fields)
	}
}

// The intros of a flush, formatted with the number of entries.
const (
	introError  = "%d recorded entries before this error"
	introDemand = "%d recorded entries, written on demand"
)

// flusher is added to the CheckedEntry of an entry at Error or above, ahead
// of the sink, to write out the recorded entries first.
type flusher struct {
	rec  *recorder
	core zapcore.Core
}

var _ zapcore.Core = (*flusher)(nil)

func (f *flusher) Enabled(zapcore.Level) bool        { return true }
func (f *flusher) With([]zapcore.Field) zapcore.Core { return f }
func (f *flusher) Sync() error                       { return nil }
func (f *flusher) Check(ent zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	return ce.AddCore(ent, f)
}

func (f *flusher) Write(ent zapcore.Entry, _ []zapcore.Field) error {
	f.rec.flush(f.core, ent.LoggerName, ent.Time, introError)
	return nil
}

// Flush writes out the entries the component has recorded, oldest first,
// after one entry that introduces them, and empties its buffer (see
// [Level.SetRecord]); then likewise those its scoped rules have recorded
// (see [Scoped]). It returns the number of entries written, 0 if the
// component does not record. The introduction is written through l, with
// its With fields.
func (l *Logger) Flush() int {
	if l == nil {
		return 0
	}
	core := l.log.Core()
	if g, ok := core.(*gate); ok {
		core = g.Core
	}
	n := 0
	for _, rec := range []*recorder{l.level.rec.Load(), l.level.scopedRecorder()} {
		if rec != nil {
			n += rec.flush(core, l.name, time.Now(), introDemand)
		}
	}
	return n
}
