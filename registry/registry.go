package registry

import (
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/scopelog/scopelog/component"
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
	setupOnce    sync.Once
	core         zapcore.Core
	zapOptions   []zap.Option
	defaultLevel zapcore.Level
	file         string
	src          source // file.go: trusted owners, the record of what was read
	self         *component.Logger

	// reloadMu serializes reloads, so that the last to run has read the
	// newest content of the file.
	reloadMu sync.Mutex

	mu         sync.RWMutex
	components map[string]*entry
	index      *index // the rules in force
	last       ReloadStatus
}

type entry struct {
	log   *component.Logger
	level *component.Level
	rule  int // index of the winning rule in index.rules, or -1
}

// ComponentStatus describes one registered component.
type ComponentStatus struct {
	Name  string
	Level zapcore.Level
	// Rule is "file:line" of the rule that set Level, or "" when the
	// default level applies.
	Rule string
}

// ReloadStatus describes the last Reload, like Prometheus'
// config_last_reload_successful and its timestamp.
type ReloadStatus struct {
	Time time.Time // when it finished; zero if Reload never ran
	// Generation counts reloads, failed ones included.
	Generation uint64
	Err        error // nil if it succeeded
}

// New returns a Registry configured by opts.
func New(opts ...Option) *Registry {
	r := new(Registry)
	for _, o := range opts {
		o.apply(r)
	}
	r.setup()
	return r
}

func (r *Registry) setup() {
	r.setupOnce.Do(func() {
		if r.core == nil {
			r.core = zapcore.NewCore(
				zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()),
				zapcore.Lock(os.Stderr),
				zapcore.DebugLevel,
			)
		}
		r.components = make(map[string]*entry)
		r.index = newIndex(nil)
		r.self = r.component(SelfName)
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
	r.mu.RLock()
	e := r.components[name]
	r.mu.RUnlock()
	if e != nil {
		return e.log
	}
	if err := component.CheckName(name); err != nil {
		panic("registry: " + err.Error())
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if e := r.components[name]; e != nil {
		return e.log
	}
	e = &entry{rule: r.resolve(r.index, name, nil)}
	e.level = component.NewLevel(r.levelOf(r.index, e.rule))
	e.log = component.New(name, r.core, e.level, r.zapOptions...)
	r.components[name] = e
	return e.log
}

// resolve returns the rule that sets name's level, or -1. Rules made only of
// wildcards, such as "*=warn", skip the registry's own component: they are
// meant to quiet the program, not to hide the acknowledgement of the reload
// that applied them.
func (r *Registry) resolve(ix *index, name string, matched []bool) int {
	i := ix.resolve(name, matched)
	if i >= 0 && name == SelfName && ix.spec[i] == 0 {
		return -1
	}
	return i
}

func (r *Registry) levelOf(ix *index, rule int) zapcore.Level {
	if rule < 0 {
		return r.defaultLevel
	}
	return ix.rules[rule].Level
}

// Components returns the status of every registered component, sorted by
// name.
func (r *Registry) Components() []ComponentStatus {
	r.setup()
	r.mu.RLock()
	out := make([]ComponentStatus, 0, len(r.components))
	for name, e := range r.components {
		s := ComponentStatus{Name: name, Level: e.level.Level()}
		if e.rule >= 0 {
			s.Rule = r.index.rules[e.rule].Source()
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
	return r.last
}
