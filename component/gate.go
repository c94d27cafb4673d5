package component

import "go.uber.org/zap/zapcore"

// gate wraps the base core with a component's level. It lets the loggers
// returned by Zap, Sugar and With honour the component's level, and lets zap
// skip annotating (time, caller) entries the component would drop.
//
// While the level records, the gate also routes: an entry below the written
// level goes to the recorder, with the gate itself as the core that writes
// it (see Write), and an entry at Error or above first flushes the
// recorder.
type gate struct {
	zapcore.Core
	level *Level
	// root is the gate New made, whose Core is the sink before any With,
	// and ctx the fields given to With since, captured (see
	// [capturer.context]). A recorded entry keeps root and a copy of ctx
	// rather than Core, which is a core of its own (zap's clones an
	// encoder for each With), so that a recorder does not keep alive,
	// uncounted, the core of every logger a program derives for a request.
	// A gate made by With while its component did not record has no root:
	// its entries keep its Core.
	root *gate
	ctx  []byte
}

func newGate(core zapcore.Core, level *Level) *gate {
	g := &gate{Core: core, level: level}
	g.root = g
	return g
}

// sinkCore makes *gate a sink: the core a recorded entry is written to,
// with the context it was captured with.
func (g *gate) sinkCore() zapcore.Core { return g.Core }

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

func (g *gate) With(fields []zapcore.Field) zapcore.Core {
	w := &gate{Core: g.Core.With(fields), level: g.level}
	if g.root != nil && g.level.rec.Load() != nil {
		w.root, w.ctx = g.root, captureContext(g.ctx, fields)
	}
	return w
}

// sink returns where g's recorded entries go, and their context.
func (g *gate) sink() (sink, []byte) {
	if g.root == nil {
		return g, nil
	}
	return g.root, g.ctx
}

func (g *gate) Check(ent zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
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
	if ent.Level >= zapcore.ErrorLevel {
		if rec := lv.rec.Load(); rec != nil && rec.held.Load() > 0 {
			// Added before the sink, so that CheckedEntry.Write writes the
			// recorded entries first.
			ce = ce.AddCore(ent, &flusher{rec: rec, core: g.Core})
		}
	}
	return g.Core.Check(ent, ce)
}

// Write records ent if the component records its level, and writes it to
// the sink otherwise. Check adds the gate to a CheckedEntry only for
// entries to record.
func (g *gate) Write(ent zapcore.Entry, fields []zapcore.Field) error {
	if g.level.records(ent.Level) {
		if rec := g.level.rec.Load(); rec != nil {
			s, ctx := g.sink()
			rec.add(ent, s, ctx, fields)
		}
		return nil
	}
	return g.Core.Write(ent, fields)
}
