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
//
// The gates of the loggers that write what a scoped rule decides (see
// Logger.scopedLog) do not check the level, since their caller has
// decided: an open gate writes to the sink, a recording gate records in
// the recorder of the scoped rules. Both leave only the sink's own level
// to apply.
type gate struct {
	zapcore.Core
	level *Level
	mode  gateMode
}

type gateMode uint8

const (
	gateLevel  gateMode = iota // checks the component's level
	gateOpen                   // writes what the caller decided to write
	gateRecord                 // records what the caller decided to record
)

var _ zapcore.Core = (*gate)(nil)

func (g *gate) Enabled(lvl zapcore.Level) bool {
	return (g.mode != gateLevel || g.level.keeps(lvl)) && g.Core.Enabled(lvl)
}

// Level lets zapcore.LevelOf report the effective level without probing:
// the least severe level the component keeps, recorded levels included, as
// Enabled does.
func (g *gate) Level() zapcore.Level {
	if g.mode != gateLevel {
		return zapcore.LevelOf(g.Core)
	}
	return max(zapcore.Level(g.level.floor.Load()), zapcore.LevelOf(g.Core))
}

func (g *gate) With(fields []zapcore.Field) zapcore.Core {
	return &gate{Core: g.Core.With(fields), level: g.level, mode: g.mode}
}

func (g *gate) Check(ent zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	lv := g.level
	switch {
	case g.mode == gateRecord:
		if lv.scopedRecorder() == nil || !g.Core.Enabled(ent.Level) {
			return ce
		}
		return ce.AddCore(ent, g)
	case g.mode == gateOpen:
	case !lv.keeps(ent.Level):
		return ce
	case lv.records(ent.Level):
		// The sink's own level still applies: what it would drop when
		// written is not worth recording.
		if lv.rec.Load() == nil || !g.Core.Enabled(ent.Level) {
			return ce
		}
		return ce.AddCore(ent, g)
	}
	if ent.Level >= zapcore.ErrorLevel {
		// Added before the sink, so that CheckedEntry.Write writes the
		// recorded entries first.
		if rec := lv.rec.Load(); rec != nil && rec.held.Load() > 0 {
			ce = ce.AddCore(ent, &flusher{rec: rec, core: g.Core})
		}
		if rec := lv.scopedRecorder(); rec != nil && rec.held.Load() > 0 {
			ce = ce.AddCore(ent, &flusher{rec: rec, core: g.Core})
		}
	}
	return g.Core.Check(ent, ce)
}

// Write records ent if the component records its level, and writes it to
// the sink otherwise. Check adds the gate to a CheckedEntry only for
// entries to record.
func (g *gate) Write(ent zapcore.Entry, fields []zapcore.Field) error {
	switch {
	case g.mode == gateRecord:
		if rec := g.level.scopedRecorder(); rec != nil {
			rec.add(ent, g.Core, fields)
		}
		return nil
	case g.mode == gateLevel && g.level.records(ent.Level):
		if rec := g.level.rec.Load(); rec != nil {
			rec.add(ent, g.Core, fields)
		}
		return nil
	}
	return g.Core.Write(ent, fields)
}
