package registry

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// maxListed bounds the lists in a reload's log entry, so that a rule
// covering thousands of components gives a readable line.
const maxListed = 50

// maxSuggested bounds how many unmatched rules get a "did you mean", each of
// which compares against every registered name.
const maxSuggested = 10

// Reload reads the components file afresh and applies its rules, all or
// nothing: on any error no level changes, and the error says where and what
// was expected (file:line:col for the content). A missing file means no
// rules, so every component returns to its default level.
//
// Each call logs one entry on the component "scopelog": at Info on success,
// with the levels that changed and the rules that match no component, and at
// Error on failure. Reload is safe for concurrent use; calls are serialized,
// and each reads the file when its turn comes, so the newest content wins.
func (r *Registry) Reload() error {
	r.setup()
	r.reloadMu.Lock()
	defer r.reloadMu.Unlock()

	rules, missing, err := r.load()
	if err != nil {
		gen := r.finish(err)
		r.self.Error("components reload failed; levels unchanged",
			zap.String("file", r.file), zap.Uint64("generation", gen), zap.Error(err))
		return err
	}
	changed, count, matched := r.apply(rules)
	gen := r.finish(nil)

	msg, level := "components reloaded", zapcore.InfoLevel
	if missing {
		msg = "components file not found; every component at its default level"
		// A link to nowhere is more likely a mistake than a removed file.
		if target, err := os.Readlink(r.file); err == nil {
			msg = fmt.Sprintf("components file not found: it is a symlink to %s, which does not exist; every component at its default level", target)
			level = zapcore.WarnLevel
		}
	}
	fields := []zap.Field{
		zap.String("file", r.file),
		zap.Uint64("generation", gen),
		zap.Int("rules", len(rules)),
		zap.Int("changed_count", count),
		zap.Strings("changed", describe(changed, count)),
	}
	if u := r.unmatched(rules, matched); len(u) > 0 {
		fields = append(fields, zap.Strings("unmatched", listed(u)))
	}
	if w := r.ineffective(rules); w != "" {
		fields = append(fields, zap.String("warning", w))
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
	rules, err = Parse(r.file, data)
	return rules, false, err
}

// change is one component's level change in a reload.
type change struct {
	name     string
	old, new zapcore.Level
}

// apply sets every component's level from rules. It reports how many
// levels changed, the first maxListed changes by name (sorting all of them
// would cost a reload that changes thousands of levels more than the rest of
// it), and which rules cover at least one component.
func (r *Registry) apply(rules []Rule) (first []change, count int, matched []bool) {
	ix := newIndex(rules)
	matched = make([]bool, len(rules))
	first = make([]change, 0, maxListed)
	r.mu.Lock()
	defer r.mu.Unlock()
	for name, e := range r.components {
		e.rule = r.resolve(ix, name, matched)
		if old, lvl := e.level.Level(), r.levelOf(ix, e.rule); old != lvl {
			e.level.SetLevel(lvl)
			count++
			first = keepFirst(first, change{name, old, lvl})
		}
	}
	r.index = ix
	return first, count, matched
}

// keepFirst inserts c into first, sorted by name, keeping at most maxListed.
func keepFirst(first []change, c change) []change {
	if len(first) == maxListed && c.name >= first[maxListed-1].name {
		return first
	}
	i, _ := slices.BinarySearchFunc(first, c.name, func(a change, name string) int { return strings.Compare(a.name, name) })
	if len(first) == maxListed {
		first = first[:maxListed-1]
	}
	return slices.Insert(first, i, c)
}

// describe formats the first changes as "name: old→new", with a count of
// the rest.
func describe(first []change, count int) []string {
	out := make([]string, 0, len(first)+1)
	for _, c := range first {
		out = append(out, c.name+": "+c.old.String()+"→"+c.new.String())
	}
	if count > len(first) {
		out = append(out, fmt.Sprintf("… and %d more", count-len(first)))
	}
	return out
}

func (r *Registry) finish(err error) uint64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.last = ReloadStatus{Time: time.Now(), Generation: r.last.Generation + 1, Err: err}
	return r.last.Generation
}

// unmatched describes the rules that cover no registered component. They
// stay in force for components registered later.
func (r *Registry) unmatched(rules []Rule, matched []bool) []string {
	var out []string
	var names []string
	for i, ok := range matched {
		if ok {
			continue
		}
		s := fmt.Sprintf("%s: no component matches %s", rules[i].Source(), rules[i].Pattern)
		if len(out) < maxSuggested {
			if names == nil {
				names = r.names()
			}
			if sug := suggest(rules[i].Pattern, names); sug != "" {
				s += "; did you mean " + sug + "?"
			}
		}
		out = append(out, s)
	}
	return out
}

func (r *Registry) names() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	names := make([]string, 0, len(r.components))
	for name := range r.components {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// ineffective warns when rules ask for levels the base core itself drops,
// which would otherwise fail silently.
func (r *Registry) ineffective(rules []Rule) string {
	floor := zapcore.LevelOf(r.core)
	for _, rule := range rules {
		if rule.Level < floor {
			return fmt.Sprintf("the base core writes only %s and above: rules asking for %s (such as %s at %s) change nothing; give the core a lower level",
				floor, rule.Level, rule.Pattern, rule.Source())
		}
	}
	return ""
}

// listed returns s, cut to maxListed items with a count of the rest.
func listed(s []string) []string {
	if len(s) <= maxListed {
		return s
	}
	return append(s[:maxListed:maxListed], fmt.Sprintf("… and %d more", len(s)-maxListed))
}
