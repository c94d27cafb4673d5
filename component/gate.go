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
// The gate is where the zap front ends meet the component's limit, its
// counters and its redaction (limit.go, stats.go, redact.go): every entry
// a component writes to a zap core passes its Check.
type gate struct {
	zapcore.Core
	level *Level
	// hook says that the fields of the entries it checks come straight
	// from the caller, as those of Logger.Zap and Logger.Sugar do, and
	// must be redacted before the sink's Write; the other front ends
	// redact the fields they copy themselves.
	hook bool
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
	fields = g.level.redactor().copyFields(fields)
	return &gate{Core: g.Core.With(fields), level: g.level, hook: g.hook}
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
	if lim := lv.lim.Load(); lim != nil && lim.over(lv, ent.Level, &ent.Time) {
		return ce
	}
	if ent.Level >= zapcore.ErrorLevel {
		if rec := lv.rec.Load(); rec != nil && rec.held.Load() > 0 {
			// Added before the sink, so that CheckedEntry.Write writes the
			// recorded entries first.
			ce = ce.AddCore(ent, &flusher{rec: rec, core: g.Core})
		}
	}
	return g.checkSink(ent, ce)
}

// checkSink asks the sink's own Check, so that a sampler or a tee the
// program gave as its core still decides, and counts the entry if the sink
// takes it. ce is nil but when a flusher precedes the sink; the sink's
// Check then returns ce either way, and its Enabled stands in for the
// answer.
func (g *gate) checkSink(ent zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	out := g.Core.Check(ent, ce)
	if out == nil || out == ce && !g.Core.Enabled(ent.Level) {
		return out
	}
	g.level.wrote(ent.Level)
	if g.hook {
		out = out.Before(ent, g.level.redactor().hook)
	}
	return out
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
			rec.add(ent, g.Core, fields)
		}
		return nil
	}
	return g.Core.Write(ent, fields)
}
