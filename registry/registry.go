package registry

import (
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/internal/filestate"
	"github.com/scopelog/scopelog/internal/slogcore"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// SelfName is the component on which a Registry logs its own work, above all
// the acknowledgement of every Reload.
const SelfName = "scopelog"

// Registry holds the named components of a program and the rules that set
// their levels. The zero Registry is ready to use, with the defaults that
// [New] documents and no file.
type Registry struct {
	setupOnce sync.Once
	config                      // options.go
	reader    *filestate.Reader // the record of what was read; made by the first read
	self      *component.Logger
	named     func(string) *component.Logger // r.Component, for Named
	never     neverRead

	// opMu serializes every change of the rules in force: reloads,
	// overrides and expiries. A reload holds it while it reads the file, so
	// the last reload to run has read the newest content.
	opMu  sync.Mutex
	timer *time.Timer // the next expiry or wall-clock check; under opMu
	hints hints       // under opMu

	// published and dirty hold every component: published, for lookups
	// that take no lock, is a map never changed once stored; the newest are
	// in dirty until enough lookups miss published to pay for a new copy.
	// Both change only under mu, so a lookup under mu that reads published
	// again and then dirty sees every component: one name, one entry.
	published atomic.Pointer[map[string]*entry]

	mu      sync.RWMutex
	dirty   map[string]*entry
	misses  int
	entries []*entry // every component, in registration order; append-only
	rules   *ruleset // the rules in force; changed under opMu and mu
	// scopedIn has the scoped rules in force for each component that
	// some cover, one per condition; apart from entry, so that the
	// components no scoped rule covers pay no memory for them.
	scopedIn map[*entry][]scopedRule
	last     ReloadStatus
}

// ruleset is the rules in force: the overrides, which beat every file rule
// for the components they cover, then the file's. Expired rules are not in
// it. A ruleset is immutable.
type ruleset struct {
	over, file *index
}

type entry struct {
	log   *component.Logger
	level *component.Level
	rule  *Rule // the rule that sets level, nil for the default
}

// ComponentStatus describes one registered component.
type ComponentStatus struct {
	Name  string
	Level zapcore.Level
	// Rule is the Source of the rule that set Level: "file:line", or
	// "override"; "" when the default level applies.
	Rule string
	// Expires is the Until of that rule: when Level will fall back to the
	// next rule or the default. Zero if the rule has none.
	Expires time.Time
	// Record is the Record of that rule: how many entries below Level the
	// component keeps in memory, to write out before its next error; zero
	// if it does not record.
	Record int
	// Recorded is the number of entries it holds now.
	Recorded int
	// Limit is the limit of that rule (its limit=, or WithDebugLimit's);
	// zero if none.
	Limit component.Limit
	// Dropped counts the entries its limits have dropped since it was
	// registered.
	Dropped uint64
	// Written counts the entries it has written since it was registered,
	// by level name ("debug", "info", ...); a level it has written nothing
	// at is absent. See component.Level.Written.
	Written map[string]uint64
}

// ReloadStatus describes the last Reload, like Prometheus'
// config_last_reload_successful and its timestamp.
type ReloadStatus struct {
	Time time.Time // when it finished; zero if Reload never ran
	// Generation counts reloads, failed ones included.
	Generation uint64
	Err        error // nil if it succeeded
	// Unmatched describes the rules of the last successful reload that
	// covered no component then, as its acknowledgement listed them:
	// "file:line: no component matches X; did you mean Y?". The list is
	// bounded, its last item counting the rest.
	Unmatched []string
}

// New returns a Registry configured by opts, applied in order (see
// [Option]). It panics if an Option is nil: a programming error, like a bad
// component name.
func New(opts ...Option) *Registry {
	r := &Registry{config: configure("New", opts)}
	r.setup()
	return r
}

// DefaultMaxOverride is how far ahead an override's until may be, unless
// [WithMaxOverride] says otherwise.
const DefaultMaxOverride = 24 * time.Hour

func (r *Registry) setup() {
	r.setupOnce.Do(func() {
		if r.core == nil && r.handler != nil {
			r.core = slogcore.New(r.handler)
		}
		if r.core == nil {
			r.core = zapcore.NewCore(
				zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()),
				zapcore.Lock(os.Stderr),
				zapcore.DebugLevel,
			)
		}
		if r.now == nil {
			r.now = time.Now
		}
		if r.maxOverride <= 0 {
			r.maxOverride = DefaultMaxOverride
		}
		r.dirty = make(map[string]*entry)
		r.rules = &ruleset{over: newIndex(nil), file: newIndex(nil)}
		r.named = r.Component
		r.safe.redactor = component.NewRedactor(r.safe.redact)
		r.self = r.component(SelfName)
		if r.file != "" {
			r.armNeverRead()
		}
	})
}

// Component returns the logger of the component name, creating it on first
// use at the level the rules in force give it. The same name always returns
// the same *component.Logger, so it is fine to call Component in several
// places; storing the result saves a map lookup.
//
// Component panics if name is not a valid component name: one or more
// segments of [a-z0-9_-] joined by '.'. Names are fixed in code, so a bad one
// is a programming error, as with regexp.MustCompile.
func (r *Registry) Component(name string) *component.Logger {
	r.setup()
	return r.component(name)
}

func (r *Registry) component(name string) *component.Logger {
	if e := r.lookup(name); e != nil {
		return e.log
	}
	log, added := r.register(name)
	if added && r.never.state.Load() == neverDue {
		r.warnNeverRead()
	}
	return log
}

// register returns the logger of name, creating it if needed, and whether
// it did.
func (r *Registry) register(name string) (log *component.Logger, added bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	// published may have changed since the lookup above: dirty's entries
	// move into it when it is copied.
	e := r.lookup(name)
	if e == nil {
		e = r.dirty[name]
	}
	if e == nil {
		added = true
		if err := component.CheckName(name); err != nil {
			panic("registry: " + err.Error())
		}
		e = &entry{rule: r.resolve(r.rules, name, nil, nil)}
		e.level = component.NewLevel(r.levelOf(e.rule))
		e.level.SetRecord(recordOf(e.rule))
		r.setScoped(e, r.rules.scopedFor(name))
		e.level.SetLimit(r.limitOf(e.rule), r.defaultLevel)
		e.level.SetRedactor(r.safe.redactor)
		e.log = component.NewIn(r.named, name, r.core, e.level, r.zapOptions...)
		r.dirty[name] = e
		r.entries = append(r.entries, e)
	}
	r.miss()
	return e.log, added
}

// lookup returns the entry of name in published, or nil.
func (r *Registry) lookup(name string) *entry {
	if m := r.published.Load(); m != nil {
		return (*m)[name]
	}
	return nil
}

// miss counts a lookup that published could not answer, and publishes a
// new map with every component once the misses have paid for the copy: a
// registration of n components costs O(n) copies in all. The caller holds
// mu.
func (r *Registry) miss() {
	r.misses++
	var n int
	if m := r.published.Load(); m != nil {
		n = len(*m)
	}
	if r.misses < 8+n/4 {
		return
	}
	m := make(map[string]*entry, n+len(r.dirty))
	for _, e := range r.entries {
		m[e.log.Name()] = e
	}
	r.published.Store(&m)
	r.dirty = make(map[string]*entry)
	r.misses = 0
}

// resolve returns the rule that sets name's level, or nil. An override that
// covers name beats every file rule. Rules made only of wildcards, such as
// "*=warn", skip the registry's own component: they are meant to quiet the
// program, not to hide the acknowledgement of the reload that applied them.
// Every rule that covers name is marked in overMarks and fileMarks, if not
// nil.
func (r *Registry) resolve(rs *ruleset, name string, overMarks, fileMarks []bool) *Rule {
	if rule := pick(rs.over, name, overMarks); rule != nil {
		if fileMarks != nil {
			rs.file.resolve(name, fileMarks)
		}
		return rule
	}
	return pick(rs.file, name, fileMarks)
}

func pick(ix *index, name string, marks []bool) *Rule {
	i := ix.resolve(name, marks)
	if i < 0 || name == SelfName && ix.spec[i] == 0 {
		return nil
	}
	return &ix.rules[i]
}

func (r *Registry) levelOf(rule *Rule) zapcore.Level {
	if rule == nil {
		return r.defaultLevel
	}
	return rule.Level
}

// Components returns the status of every registered component, sorted by
// name.
func (r *Registry) Components() []ComponentStatus {
	r.setup()
	r.mu.RLock()
	out := make([]ComponentStatus, 0, len(r.entries))
	for _, e := range r.entries {
		s := ComponentStatus{Name: e.log.Name(), Level: e.level.Level(), Record: e.level.Record(), Recorded: e.level.Recorded(),
			Limit: e.level.Limit(), Dropped: e.level.Dropped(), Written: written(e.level)}
		if e.rule != nil {
			s.Rule, s.Expires = e.rule.Source(), e.rule.Until
		}
		out = append(out, s)
	}
	r.mu.RUnlock()
	slices.SortFunc(out, func(a, b ComponentStatus) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// LastReload returns the outcome of the last Reload.
func (r *Registry) LastReload() ReloadStatus {
	r.setup()
	r.mu.RLock()
	defer r.mu.RUnlock()
	st := r.last
	st.Unmatched = slices.Clone(st.Unmatched)
	return st
}

// File returns the components file that Reload reads, as given to
// [WithFile], or "" if none.
func (r *Registry) File() string {
	return r.file
}
