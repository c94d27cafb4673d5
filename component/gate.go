package component

import "go.uber.org/zap/zapcore"

// gate wraps the base core with a component's level. It lets the loggers
// returned by Zap, Sugar and With honour the component's level, and lets zap
// skip annotating (time, caller) entries the component would drop.
type gate struct {
	zapcore.Core
	level *Level
}

var _ zapcore.Core = (*gate)(nil)

func (g *gate) Enabled(lvl zapcore.Level) bool {
	return g.level.Enabled(lvl) && g.Core.Enabled(lvl)
}

// Level lets zapcore.LevelOf report the effective level without probing.
func (g *gate) Level() zapcore.Level {
	return max(g.level.Level(), zapcore.LevelOf(g.Core))
}

func (g *gate) With(fields []zapcore.Field) zapcore.Core {
	return &gate{Core: g.Core.With(fields), level: g.level}
}

func (g *gate) Check(ent zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	if !g.level.Enabled(ent.Level) {
		return ce
	}
	return g.Core.Check(ent, ce)
}
