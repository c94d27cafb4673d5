package registry

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/scopelog/scopelog/internal/rulevalue"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// OverrideOption qualifies a call to [Registry.Override],
// [Registry.ClearOverride] or [Registry.ClearOverrides].
type OverrideOption interface {
	applyOverride(*overrideConfig)
}

type overrideConfig struct {
	by           string
	requireMatch bool
}

type byOption string

func (b byOption) applyOverride(c *overrideConfig) { c.by = string(b) }

// By names who asked for the change, such as "http 127.0.0.1:51234". The
// acknowledgement logs it as the field "by".
func By(who string) OverrideOption { return byOption(who) }

// Override sets, or replaces, a runtime override: level for the components
// that pattern covers, until the wall clock reaches until. The pattern
// grammar is the components file's.
//
// An override beats every rule of the file for the components it covers;
// among overrides, the most specific wins, and at equal specificity the one
// set last. Components that no override covers follow the file. A scoped
// pattern, "saas.client[tenant=acme]", sets a scoped override: it beats
// the file's rules of the same condition, only ever adds detail, and
// combines with unscoped rules and overrides as scoped rules do (see
// [Parse]); at most [MaxScoped] are in force at once. Overrides
// survive every Reload, and expire as until= rules of the file do. They live
// in the process's memory only, and are lost when it exits: the file is what
// persists.
//
// until is required: it must be after now, and at most the bound of
// [WithMaxOverride] ahead. An invalid pattern or level, an until out of
// bounds, or under [RequireMatch] a pattern that covers no registered
// component, returns an error, which says what was expected, and changes
// nothing. Every override set logs one acknowledgement on the component
// "scopelog" with the levels it changed, at Info, or at Warn with a "did you
// mean" when pattern covers no component.
func (r *Registry) Override(pattern string, level zapcore.Level, until time.Time, opts ...OverrideOption) error {
	r.setup()
	if err := checkOverride(pattern, level); err != nil {
		return err
	}
	r.opMu.Lock()
	defer r.opMu.Unlock()
	now := r.now()
	// Until follows the wall clock, as file rules do: no monotonic reading.
	until = until.Round(0).UTC()
	switch {
	case until.IsZero():
		return errors.New("registry: an override needs an until: overrides always expire")
	case !until.After(now):
		return fmt.Errorf("registry: until %s is not in the future (now is %s)", formatTime(until), formatTime(now))
	case until.Sub(now) > r.maxOverride:
		return fmt.Errorf("registry: until %s is %s ahead, beyond the bound of %s on overrides: write the rule in the components file for longer",
			formatTime(until), until.Sub(now).Round(time.Second), r.maxOverride)
	}
	if overrideConfigOf(opts).requireMatch && !r.matchesAny(pattern) {
		return &UnmatchedError{Pattern: pattern, Suggestion: r.suggest(pattern)}
	}

	rule := Rule{Pattern: pattern, Level: level, Until: until, override: true}
	over := slices.DeleteFunc(slices.Clone(r.rules.over.rules), func(o Rule) bool { return o.Pattern == pattern })
	if rule.Condition() != "" && countScoped(over) >= MaxScoped {
		return fmt.Errorf("registry: %d scoped overrides in force already, the most there may be: clear one first", MaxScoped)
	}
	// Set last, the new override wins ties of specificity.
	over = append(over, rule)
	rs := &ruleset{over: newIndex(over), file: r.rules.file}
	marks := rs.over.marks()
	changed, count := r.apply(rs, marks, nil)
	r.arm()

	fields := []zap.Field{
		zap.String("pattern", clip(pattern)),
		zap.Stringer("override_level", level), // not "level", which is the entry's own key
		zap.Time("until", until),
	}
	fields = append(fields, by(opts)...)
	fields = append(fields, zap.Int("changed_count", count), zap.Strings("changed", describe(changed, count)))
	lvl := zapcore.InfoLevel
	if !rs.over.covered(marks, len(over)-1) {
		lvl = zapcore.WarnLevel
		fields = append(fields, zap.String("unmatched", r.noMatch("override", pattern, true)))
	} else if rule.Condition() != "" {
		covers, idle := r.scopedOverrideAck(rs.over, len(over)-1)
		fields = append(fields, zap.Strings("scoped", covers))
		if idle != "" {
			lvl = zapcore.WarnLevel
			fields = append(fields, zap.String("warning", idle))
		}
	}
	if ce := r.self.Check(lvl, "override set"); ce != nil {
		ce.Write(fields...)
	}
	return nil
}

// checkOverride checks an override's pattern and level.
func checkOverride(pattern string, level zapcore.Level) error {
	if pattern == "" {
		return errors.New("registry: an override needs a pattern, such as saas.client or db.*.conn")
	}
	if err := checkRulePattern(pattern, 1); err != nil {
		return fmt.Errorf("registry: bad override pattern at column %d: %s", err.Col, err.Msg)
	}
	if level < zapcore.DebugLevel || level > zapcore.FatalLevel {
		return fmt.Errorf("registry: bad override level %d: expected %s", int8(level), rulevalue.Levels)
	}
	return nil
}

// ClearOverride removes the override for pattern, if any, and reports
// whether there was one. A scoped pattern is matched as it was given,
// condition included. The components it covered fall back to the other
// overrides and the file's rules. It logs one acknowledgement on
// "scopelog", with the levels it changed.
func (r *Registry) ClearOverride(pattern string, opts ...OverrideOption) bool {
	r.setup()
	r.opMu.Lock()
	defer r.opMu.Unlock()
	i := slices.IndexFunc(r.rules.over.rules, func(o Rule) bool { return o.Pattern == pattern })
	if i < 0 {
		fields := append([]zap.Field{zap.String("pattern", clip(pattern))}, by(opts)...)
		r.self.Info("no override to clear; nothing changed", fields...)
		return false
	}
	r.clear(r.rules.over.without(i), "override cleared",
		append([]zap.Field{zap.String("pattern", clip(pattern))}, by(opts)...))
	return true
}

// ClearOverrides removes every override, and returns how many there were.
// It logs one acknowledgement on "scopelog", with the levels it changed.
func (r *Registry) ClearOverrides(opts ...OverrideOption) int {
	r.setup()
	r.opMu.Lock()
	defer r.opMu.Unlock()
	n := len(r.rules.over.rules)
	r.clear(nil, "overrides cleared", append([]zap.Field{zap.Int("cleared", n)}, by(opts)...))
	return n
}

// clear makes over the overrides in force and acknowledges it. The caller
// holds opMu.
func (r *Registry) clear(over []Rule, msg string, fields []zap.Field) {
	rs := &ruleset{over: newIndex(over), file: r.rules.file}
	changed, count := r.apply(rs, nil, nil)
	r.arm()
	fields = append(fields, zap.Int("changed_count", count), zap.Strings("changed", describe(changed, count)))
	r.self.Info(msg, fields...)
}

// Overrides returns the overrides in force, sorted by pattern.
func (r *Registry) Overrides() []Rule {
	r.setup()
	r.mu.RLock()
	out := slices.Clone(r.rules.over.rules)
	r.mu.RUnlock()
	slices.SortFunc(out, func(a, b Rule) int { return strings.Compare(a.Pattern, b.Pattern) })
	return out
}

func overrideConfigOf(opts []OverrideOption) overrideConfig {
	var c overrideConfig
	for i, o := range opts {
		if o == nil {
			panic(fmt.Sprintf("registry: option %d (counting from 0) is nil", i))
		}
		o.applyOverride(&c)
	}
	return c
}

// by returns the field naming who asked, if opts say.
func by(opts []OverrideOption) []zap.Field {
	c := overrideConfigOf(opts)
	if c.by == "" {
		return nil
	}
	return []zap.Field{zap.String("by", clip(c.by))}
}
