package registry

import (
	"fmt"
	"os"
	"slices"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// maxSuggested bounds how many unmatched rules get a "did you mean".
const maxSuggested = 10

// Reload reads the components file afresh and applies its rules, all or
// nothing: on any error no level changes, and the error says where and what
// was expected (file:line:col for the content). A missing file means no
// rules, so every component returns to its default level, or to what an
// override sets: overrides survive every reload.
//
// A rule whose until has passed is not applied, and not an error: a process
// that starts after the instant starts quietly. The others are in force
// until their instant, when they drop out without the file being read again.
//
// Each call logs one entry on the component "scopelog": at Info on success,
// with the levels that changed and the rules that expired already, at Warn
// when some rule matches no component, and at Error on failure. A reload
// that runs before any component is registered, as the first load of
// scopelog.Open does, cannot tell a typo from a component registered later:
// its entry says so, at Info, and [NeverReadAfter] later the registry warns
// once about the rules that still match no component, unless another
// reload ran meanwhile. Reload is
// safe for concurrent use; calls are serialized, with overrides and
// expiries too, and each reads the file when its turn comes, so the newest
// content wins.
func (r *Registry) Reload() error {
	r.setup()
	r.readOnce()
	r.opMu.Lock()
	defer r.opMu.Unlock()

	rules, missing, err := r.load()
	if err != nil {
		gen := r.finish(err, nil)
		r.self.Error("components reload failed; levels unchanged",
			zap.String("file", r.file), zap.Uint64("generation", gen), zap.Error(err))
		return err
	}
	now := r.now()
	rules, expired := live(rules, now)
	inheritWritten(rules, r.rules.file)
	rs := &ruleset{over: r.rules.over, file: newIndex(rules)}
	marks := rs.file.marks()
	changed, count := r.apply(rs, nil, marks)
	var unmatched []string
	early := r.early()
	if !early {
		unmatched = r.unmatched(rs.file, marks)
	}
	gen := r.finish(nil, unmatched)
	r.arm()
	if early && len(rules) > 0 {
		r.judgeLater(gen)
	}

	msg, level := "components reloaded", zapcore.InfoLevel
	if early {
		msg = earlyMsg
	}
	if missing {
		msg = "components file not found; every component at its default level"
		// A link to nowhere is more likely a mistake than a removed file.
		if target, err := os.Readlink(r.file); err == nil {
			msg = fmt.Sprintf("components file not found: it is a symlink to %s, which does not exist; every component at its default level", showPath(target))
			level = zapcore.WarnLevel
		} else if dir := missingDir(r.file); dir != "" {
			// A path typo would otherwise look exactly like "no rules".
			msg = fmt.Sprintf("components file not found: directory %s does not exist; every component at its default level", showPath(dir))
			level = zapcore.WarnLevel
		}
	}
	fields := []zap.Field{
		zap.String("file", r.file),
		zap.Uint64("generation", gen),
		zap.Int("rules", len(rules)+len(expired)),
		zap.Int("changed_count", count),
		zap.Strings("changed", describe(changed, count)),
	}
	if len(expired) > 0 {
		var b bounded
		for _, e := range expired {
			if b.full() {
				b.skip()
				continue
			}
			b.add(e.Source() + ": " + clip(e.Pattern) + " expired at " + formatTime(e.Until))
		}
		fields = append(fields, zap.Strings("expired", b.list()))
	}
	if early && len(rules) > 0 {
		// No level changed yet, so changed and recording say nothing:
		// the rules themselves say what the components will take.
		var b bounded
		for _, rule := range rules {
			if b.full() {
				b.skip()
				continue
			}
			b.add(rule.Source() + ": " + clip(rule.String()))
		}
		fields = append(fields, zap.Strings("loaded", b.list()))
	}
	if len(unmatched) > 0 {
		// A typo in a name is the commonest mistake: it must stand out.
		level = max(level, zapcore.WarnLevel)
		fields = append(fields, zap.Strings("unmatched", unmatched))
	}
	scoped, idle := r.describeScoped(rs.file)
	if len(scoped) > 0 {
		// Scoped rules apart: they change no level of the list above.
		fields = append(fields, zap.Strings("scoped", scoped))
	}
	sink := r.sinkLimit()
	debugLost := r.ineffective(rules, sink)
	recordLost, recordNote := recordIneffective(rules, sink)
	if debugLost != "" || recordLost != "" {
		// The operator asked for lines that can never be written: that
		// must stand out as much as a typo.
		level = max(level, zapcore.WarnLevel)
	}
	if w := joinWarnings(debugLost, recordLost, recordNote, idle); w != "" {
		fields = append(fields, zap.String("warning", w))
	}
	if rec := r.recording(sink); len(rec) > 0 {
		fields = append(fields, zap.Strings("recording", rec))
	}
	if ce := r.self.Check(level, msg); ce != nil {
		ce.Write(fields...)
	}
	return nil
}

func (r *Registry) load() (rules []Rule, missing bool, err error) {
	if r.file == "" {
		return nil, false, ErrNoFile
	}
	data, missing, err := r.read()
	if err != nil || missing {
		return nil, missing, err
	}
	rules, err = parse(r.file, data, r.now)
	return rules, false, err
}

// live splits rules into those in force at now and those whose until has
// passed, keeping the order of each.
func live(rules []Rule, now time.Time) (in, expired []Rule) {
	i := slices.IndexFunc(rules, func(r Rule) bool { return !r.Until.IsZero() && !now.Before(r.Until) })
	if i < 0 {
		return rules, nil
	}
	in = slices.Clip(rules[:i:i])
	in = append(make([]Rule, 0, len(rules)), in...)
	for _, r := range rules[i:] {
		if !r.Until.IsZero() && !now.Before(r.Until) {
			expired = append(expired, r)
			continue
		}
		in = append(in, r)
	}
	return in, expired
}

func (r *Registry) finish(err error, unmatched []string) uint64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	last := ReloadStatus{Time: r.now(), Generation: r.last.Generation + 1, Err: err, Unmatched: r.last.Unmatched}
	if err == nil {
		last.Unmatched = unmatched
	}
	r.last = last
	return last.Generation
}

// unmatched describes the rules of ix that marks shows cover no registered
// component, within the bounds of a log entry; the first maxSuggested get a
// "did you mean". They stay in force for components registered later. The
// caller holds opMu.
func (r *Registry) unmatched(ix *index, marks []bool) []string {
	var b bounded
	for i := range ix.rules {
		if ix.covered(marks, i) {
			continue
		}
		if b.full() {
			b.skip()
			continue
		}
		rule := &ix.rules[i]
		b.add(r.noMatch(rule.Source(), rule.Pattern, len(b.items) < maxSuggested))
	}
	if len(b.items) == 0 && b.rest == 0 {
		return nil
	}
	return b.list()
}

// noMatch says that pattern matches no component, with the closest name
// when hint is set. The caller holds opMu.
func (r *Registry) noMatch(source, pattern string, hint bool) string {
	s := source + ": no component matches " + clip(pattern)
	if hint {
		if sug := r.suggest(pattern); sug != "" {
			s += "; did you mean " + clip(sug) + "?"
		}
	}
	return s
}

// sinkLimit is the least severe level the registry's sink takes, and how
// warnings about rules that ask for less name the sink and the fix.
type sinkLimit struct {
	floor zapcore.Level
	takes string // "the base core writes only info and above"
	fix   string // "give the core a lower level"
}

func (r *Registry) sinkLimit() sinkLimit {
	floor := zapcore.LevelOf(r.core)
	if r.handler != nil {
		return sinkLimit{floor,
			fmt.Sprintf("the slog handler given to WithHandler writes only %s and above", floor),
			"give the handler a lower level (slog.HandlerOptions.Level)"}
	}
	return sinkLimit{floor, fmt.Sprintf("the base core writes only %s and above", floor), "give the core a lower level"}
}

// ineffective warns when rules ask for levels the sink itself drops, which
// would otherwise fail silently.
func (r *Registry) ineffective(rules []Rule, sink sinkLimit) string {
	for _, rule := range rules {
		if rule.Level < sink.floor {
			return fmt.Sprintf("%s: rules asking for %s (such as %s at %s) change nothing; %s",
				sink.takes, rule.Level, clip(rule.Pattern), rule.Source(), sink.fix)
		}
	}
	return ""
}
