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

func (g *gate) With(fields []zapcore.Field) zapcore.Core {
	return &gate{Core: g.Core.With(fields), level: g.level}
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
		ce = flushFirst(lv, g.Core, ent, ce)
	}
	return g.Core.Check(ent, ce)
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
func (g *gate) Write(ent zapcore.Entry, fields []zapcore.Field) error {
	if g.level.records(ent.Level) {
		if rec := g.level.rec.Load(); rec != nil {
			rec.add(ent, g.Core, fields)
		}
		return nil
	}
	return g.Core.Write(ent, fields)
}

// decidedGate stands where the gate stands in the loggers of the entries
// that scoped rules decide (see Logger.scopedLog). Their caller has
// decided on the level, so it does not check it: it writes to the sink,
// or records in the recorder of the scoped rules, and only the sink's own
// level applies.
type decidedGate struct {
	zapcore.Core
	level  *Level
	record bool
}

var _ zapcore.Core = (*decidedGate)(nil)

func (g *decidedGate) With(fields []zapcore.Field) zapcore.Core {
	return &decidedGate{Core: g.Core.With(fields), level: g.level, record: g.record}
}

func (g *decidedGate) Check(ent zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	if g.record {
		if g.level.scopedRecorder() == nil || !g.Core.Enabled(ent.Level) {
			return ce
		}
		return ce.AddCore(ent, g)
	}
	if ent.Level >= zapcore.ErrorLevel {
		ce = flushFirst(g.level, g.Core, ent, ce)
	}
	return g.Core.Check(ent, ce)
}

// Write records ent; Check adds the gate to a CheckedEntry only to
// record.
func (g *decidedGate) Write(ent zapcore.Entry, fields []zapcore.Field) error {
	if rec := g.level.scopedRecorder(); rec != nil {
		rec.add(ent, g.Core, fields)
	}
	return nil
}
