package component

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// MaxRecord is the most entries a component may record.
const MaxRecord = 10000

// maxRecordedBytes bounds the data one component records, as counted by
// entrySize and fieldSize.
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
// Besides the n entries, the recorded data of a Level is bounded to 1 MiB,
// counting each entry's fixed size and the bytes of its message, keys and
// values; the oldest entries go first. An entry larger than that by itself
// is not recorded.
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
		lv.rec.Store(&recorder{max: n, lv: lv})
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

// recorder is the ring of a component's recorded entries.
//
// Loggers record under mu, which guards only the ring: a flush swaps the
// ring out under mu and writes it with mu released, so loggers wait for
// no write. flushMu makes flushes one at a time, so that entries leave in
// the order they were recorded.
type recorder struct {
	flushMu sync.Mutex

	mu    sync.Mutex
	max   int
	ring  []record // grows up to max; circular
	head  int      // index of the oldest entry
	n     int
	bytes int
	// held mirrors n, for reads without the lock.
	held atomic.Int64
	// lv counts the entries a flush writes (stats.go).
	lv *Level
}

// record is one recorded entry: what the sink's Write would have been
// given, with fields that refer to nothing mutable.
type record struct {
	ent  zapcore.Entry
	core zapcore.Core // the sink, with the With context of the logger
	// fields starts with recordedField; the slice belongs to the slot and
	// is reused when the slot is.
	fields []zapcore.Field
	size   int
}

// The fixed sizes counted against maxRecordedBytes.
const (
	entrySize = int(unsafe.Sizeof(record{})) + fieldSize // the record, and recordedField
	fieldSize = int(unsafe.Sizeof(zapcore.Field{}))
)

// add records ent, which core would have written with fields.
func (r *recorder) add(ent zapcore.Entry, core zapcore.Core, fields []zapcore.Field) {
	size := entrySize + len(ent.Message) + len(ent.Stack)
	var own []zapcore.Field // frozen fields, if any needed freezing
	for i := range fields {
		if !immutable(fields[i]) {
			own = freezeAll(fields)
			break
		}
	}
	if own != nil {
		for i := range own[1:] {
			size += sizeOf(&own[1+i])
		}
	} else {
		for i := range fields {
			size += sizeOf(&fields[i])
		}
	}
	if size > maxRecordedBytes {
		return
	}

	r.mu.Lock()
	defer r.mu.Unlock()
	for r.n > 0 && (r.n >= r.max || r.bytes+size > maxRecordedBytes) {
		r.evict()
	}
	if r.n == len(r.ring) {
		r.grow()
	}
	s := &r.ring[(r.head+r.n)%len(r.ring)]
	clear(s.fields)
	if own != nil {
		s.fields = own
	} else {
		s.fields = append(append(s.fields[:0], recordedField), fields...)
	}
	s.ent, s.core, s.size = ent, core, size
	r.n++
	r.bytes += size
	r.held.Store(int64(r.n))
}

// evict drops the oldest entry. The caller holds mu.
func (r *recorder) evict() {
	s := &r.ring[r.head]
	r.bytes -= s.size
	// Keep the slot's capacity, not what its fields refer to.
	clear(s.fields)
	s.fields = s.fields[:0]
	s.ent, s.core = zapcore.Entry{}, nil
	r.head = (r.head + 1) % len(r.ring)
	r.n--
	r.held.Store(int64(r.n))
}

// grow enlarges a full ring, up to max. The caller holds mu.
func (r *recorder) grow() {
	ring := make([]record, min(max(2*len(r.ring), 16), r.max))
	for i := range r.n {
		ring[i] = r.ring[(r.head+i)%len(r.ring)]
	}
	r.ring, r.head = ring, 0
}

// resize changes max to n, dropping the oldest entries beyond it.
func (r *recorder) resize(n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for r.n > n {
		r.evict()
	}
	r.max = n
	if len(r.ring) > n {
		ring := make([]record, r.n)
		for i := range r.n {
			ring[i] = r.ring[(r.head+i)%len(r.ring)]
		}
		r.ring, r.head = ring, 0
	}
}

// flush writes out the recorded entries, oldest first, each through the
// core that would have written it, after an entry on core that introduces
// them: intro, formatted with their count. It empties the recorder and
// returns the count.
func (r *recorder) flush(core zapcore.Core, name string, at time.Time, intro string) int {
	r.flushMu.Lock()
	defer r.flushMu.Unlock()
	r.mu.Lock()
	if r.n == 0 {
		r.mu.Unlock()
		return 0
	}
	// The ring leaves with its slots, so that the next entries do not
	// overwrite them while they are written; they get a new ring.
	ring, head, n := r.ring, r.head, r.n
	r.ring, r.head, r.n, r.bytes = nil, 0, 0, 0
	r.held.Store(0)
	r.mu.Unlock()
	first, last := &ring[head], &ring[(head+n-1)%len(ring)]
	r.write(core, zapcore.Entry{LoggerName: name, Time: at, Level: zapcore.InfoLevel, Message: fmt.Sprintf(intro, n)},
		[]zapcore.Field{zap.Time("from", first.ent.Time), zap.Time("to", last.ent.Time)})
	for i := range n {
		s := &ring[(head+i)%len(ring)]
		r.write(s.core, s.ent, s.fields)
	}
	return n
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
// [Level.SetRecord]). It returns the number of entries written, 0 if the
// component does not record. The introduction is written through l, with
// its With fields.
func (l *Logger) Flush() int {
	if l == nil {
		return 0
	}
	rec := l.level.rec.Load()
	if rec == nil {
		return 0
	}
	core := l.log.Core()
	if g, ok := core.(*gate); ok {
		core = g.Core
	}
	return rec.flush(core, l.name, time.Now(), introDemand)
}
