package component

import "go.uber.org/zap/zapcore"

// gate wraps the base core with a component's level. It lets the loggers
// returned by Zap, Sugar and With honour the component's level, and lets zap
// skip annotating (time, caller) entries the component would drop.
//
// While the level records, the gate also routes: an entry below the written
// level goes to the recorder (see Write), and an entry at Error or above
// first flushes the recorder.
//
// A recorded entry keeps a root gate, whose core writes it at the flush,
// and a copy of the fields given to With since that root, captured, rather
// than the core of its own logger: that is a core of its own for each With
// (zap's clones an encoder), and a recorder would keep alive, uncounted,
// the core of every logger a program derives for a request. A gate made by
// With while its component records has a contextCore that names its root;
// any other gate is a root. The base gate, one per Logger, stays as small
// as it was without.
//
// The gate is where the zap front ends meet the component's limit, its
// counters and its redaction (limit.go, stats.go, redact.go): every entry
// a component writes to a zap core passes its Check.
type gate struct {
	zapcore.Core
	level *Level
}

// hookGate is the gate of the loggers of Logger.Zap and Logger.Sugar,
// whose fields come straight from the caller: it has them redacted before
// the sink's Write. The other front ends redact the fields they copy
// themselves, so that the gate of every Logger carries no flag for it.
type hookGate struct{ *gate }

func (h hookGate) Check(ent zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	return h.check(ent, ce, true)
}

func (h hookGate) With(fields []zapcore.Field) zapcore.Core {
	return hookGate{h.with(fields)}
}

// contextCore is the core of a gate made by With while its component
// records: the sink with the With fields, which writes the gate's entries,
// and root, the gate whose core is the sink before ctx, those fields
// captured (see [captureContext]), which its recorded entries keep.
type contextCore struct {
	zapcore.Core
	root *gate
	ctx  []byte
}

// Level lets zapcore.LevelOf read the sink's level without probing.
func (c *contextCore) Level() zapcore.Level { return zapcore.LevelOf(c.Core) }

// sinkCore makes *gate a sink: the core a recorded entry is written to,
// with the context it was captured with. Only a root is a sink.
func (g *gate) sinkCore() zapcore.Core { return g.Core }

// sink returns where g's recorded entries go, and their context.
func (g *gate) sink() (*gate, []byte) {
	if c, ok := g.Core.(*contextCore); ok {
		return c.root, c.ctx
	}
	return g, nil
}

// sinkOf returns the sink's own core of a gate's Core.
func sinkOf(core zapcore.Core) zapcore.Core {
	if c, ok := core.(*contextCore); ok {
		return c.Core
	}
	return core
}

var _ zapcore.Core = (*gate)(nil)

func (g *gate) Enabled(lvl zapcore.Level) bool {
	return g.level.keeps(lvl) && g.Core.Enabled(lvl)
}

// Level lets zapcore.LevelOf report the effective level without probing:
// the least severe level the component keeps, recorded levels included, as
// Enabled does.
func (g *gate) Level() zapcore.Level {
	return max(zapcore.Level(g.level.floor.Load()), zapcore.LevelOf(g.Core))
}

func (g *gate) With(fields []zapcore.Field) zapcore.Core { return g.with(fields) }

func (g *gate) with(fields []zapcore.Field) *gate {
	fields = g.level.redactor().copyFields(fields)
	next := sinkOf(g.Core).With(fields)
	if g.level.recording() {
		root, ctx := g.sink()
		next = &contextCore{Core: next, root: root, ctx: captureContext(ctx, fields)}
	}
	return &gate{Core: next, level: g.level}
}

func (g *gate) Check(ent zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	return g.check(ent, ce, false)
}

// check is Check, redacting the fields before the sink's Write if hook.
func (g *gate) check(ent zapcore.Entry, ce *zapcore.CheckedEntry, hook bool) *zapcore.CheckedEntry {
	lv := g.level
	if !lv.keeps(ent.Level) {
		return ce
	}
	if lv.records(ent.Level) {
		// The sink's own level still applies: what it would drop when
		// written is not worth recording.
		if lv.rec.Load() == nil || !g.Core.Enabled(ent.Level) {
			return ce
		}
		return ce.AddCore(ent, g)
	}
	if lim := lv.limiter(); lim != nil && lim.over(lv, ent.Level, &ent.Time) {
		return ce
	}
	if ent.Level >= zapcore.ErrorLevel {
		ce = flushFirst(lv, g.Core, ent, ce)
	}
	return checkSink(g.Core, lv, hook, ent, ce)
}

// checkSink asks the sink's own Check, so that a sampler or a tee the
// program gave as its core still decides, and counts the entry if the sink
// takes it. ce is nil but when a flusher precedes the sink; the sink's
// Check then returns ce either way, and its Enabled stands in for the
// answer.
// When hook is set, the fields come straight from the caller and are
// redacted before the sink's Write.
func checkSink(sink zapcore.Core, lv *Level, hook bool, ent zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	out := sink.Check(ent, ce)
	if out == nil || out == ce && !sink.Enabled(ent.Level) {
		return out
	}
	lv.wrote(ent.Level)
	if hook {
		out = out.Before(ent, lv.redactor().hook)
	}
	return out
}

// flushFirst adds to ce, for an entry at Error or above, the flushes of
// the recorders of lv that hold entries, before the sink, so that
// CheckedEntry.Write writes the recorded entries first.
func flushFirst(lv *Level, sink zapcore.Core, ent zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	if rec := lv.rec.Load(); rec != nil && rec.held.Load() > 0 {
		ce = ce.AddCore(ent, &flusher{rec: rec, core: sink})
	}
	if rec := lv.scopedRecorder(); rec != nil && rec.held.Load() > 0 {
		ce = ce.AddCore(ent, &flusher{rec: rec, core: sink})
	}
	return ce
}

// Write records ent if the component records its level, and writes it to
// the sink otherwise. Check adds the gate to a CheckedEntry only for
// entries to record.
//
// Write redacts fields first, whatever brought them: a recorder never holds
// a secret, and a program that writes to the core of Logger.Zap directly
// writes no secret either. Fields redacted already pass unchanged.
func (g *gate) Write(ent zapcore.Entry, fields []zapcore.Field) error {
	fields = g.level.redactor().copyFields(fields)
	if g.level.records(ent.Level) {
		if rec := g.level.rec.Load(); rec != nil {
			s, ctx := g.sink()
			rec.add(ent, s, ctx, fields)
		}
		return nil
	}
	return g.Core.Write(ent, fields)
}

// decidedGate stands where the gate stands in the loggers of the entries
// that scoped rules, grants and request recorders decide (see
// Logger.scopedLog). Their caller has decided on the level, so it does not
// check it: it writes to the sink (verdict scoped), or records in the
// recorder of the scoped rules (recorded) or in the request's recorder
// that the entry's first field carries (held), and only the sink's own
// level applies.
//
// A decidedGate that records keeps, as a gate does, the sink its recorded
// entries go to and their context apart (root and ctx), so that the
// recorder keeps alive one core per component rather than one per logger
// derived by With.
//
// Like the gate, it applies the component's limit to what it writes,
// counts it, and redacts the fields given to With; the callers redact
// the fields of each entry (writeEntry, Event, ctxCore).
type decidedGate struct {
	zapcore.Core
	level *Level
	v     verdict
	root  sink
	ctx   []byte
}

var _ zapcore.Core = (*decidedGate)(nil)

// newDecidedGate returns the decidedGate that stands where g stands, for
// the entries of verdict v.
func newDecidedGate(g *gate, v verdict) *decidedGate {
	d := &decidedGate{Core: sinkOf(g.Core), level: g.level, v: v}
	if v != scoped {
		d.root, d.ctx = g.sink()
	}
	return d
}

// sinkCore makes *decidedGate a sink, for the entries of a root.
func (g *decidedGate) sinkCore() zapcore.Core { return g.Core }

func (g *decidedGate) With(fields []zapcore.Field) zapcore.Core {
	fields = g.level.redactor().copyFields(fields)
	d := &decidedGate{Core: g.Core.With(fields), level: g.level, v: g.v}
	if g.v != scoped {
		d.root, d.ctx = g.root, captureContext(g.ctx, fields)
		if d.root == nil {
			// g is a root: its core is the sink before fields.
			d.root = g
		}
	}
	return d
}

func (g *decidedGate) Check(ent zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	switch g.v {
	case recorded:
		if g.level.scopedRecorder() == nil || !g.Core.Enabled(ent.Level) {
			return ce
		}
		return ce.AddCore(ent, g)
	case held:
		if !g.Core.Enabled(ent.Level) {
			return ce
		}
		return ce.AddCore(ent, g)
	}
	if lim := g.level.limiter(); lim != nil && lim.over(g.level, ent.Level, &ent.Time) {
		return ce
	}
	if ent.Level >= zapcore.ErrorLevel {
		ce = flushFirst(g.level, g.Core, ent, ce)
	}
	return checkSink(g.Core, g.level, false, ent, ce)
}

// Write records ent; Check adds the gate to a CheckedEntry only to
// record.
func (g *decidedGate) Write(ent zapcore.Entry, fields []zapcore.Field) error {
	var s sink = g
	if g.root != nil {
		s = g.root
	}
	if g.v == held {
		// The first field is the carrier of the request's recorder.
		if len(fields) > 0 && fields[0].Type == zapcore.SkipType {
			if r, ok := fields[0].Interface.(*RequestRecorder); ok {
				r.rec.add(ent, s, g.ctx, g.level.redactor().copyFields(fields[1:]))
			}
		}
		return nil
	}
	if rec := g.level.scopedRecorder(); rec != nil {
		rec.add(ent, s, g.ctx, g.level.redactor().copyFields(fields))
	}
	return nil
}
