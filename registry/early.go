package registry

import (
	"time"
	"weak"

	"go.uber.org/zap"
)

// earlyMsg is the acknowledgement of a reload that ran before any
// component was registered, as the first load of scopelog.Open does.
const earlyMsg = "components file loaded before any component was registered; each takes its level as it registers"

// lateUnmatchedMsg is the warning, NeverReadAfter later, about the rules of
// such a load that still match no component.
const lateUnmatchedMsg = "components rules match no component registered since the file was loaded"

// early reports whether no component but the registry's own is registered:
// a reload then cannot tell a typo in a rule from a component that the
// program has not registered yet, and nothing can change.
func (r *Registry) early() bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.entries) <= 1
}

// judgeLater arms a timer that, NeverReadAfter from now, looks for the
// rules of the load of generation gen that still match no component, and
// warns about them, with a suggestion where a registered name is close, as
// a reload does. A later reload makes it moot. Like the never-read
// warning's, the timer holds the registry weakly.
func (r *Registry) judgeLater(gen uint64) {
	wr := weak.Make(r)
	time.AfterFunc(r.neverRead, func() {
		if r := wr.Value(); r != nil {
			r.judge(gen)
		}
	})
}

func (r *Registry) judge(gen uint64) {
	r.opMu.Lock()
	defer r.opMu.Unlock()
	r.mu.RLock()
	entries, current := r.entries, r.last.Generation == gen && r.last.Err == nil
	r.mu.RUnlock()
	if !current {
		return
	}
	ix := r.rules.file
	marks := ix.marks()
	for _, e := range entries {
		ix.resolve(e.log.Name(), marks)
	}
	unmatched := r.unmatched(ix, marks)
	if len(unmatched) == 0 {
		return
	}
	r.mu.Lock()
	r.last.Unmatched = unmatched
	r.mu.Unlock()
	r.self.Warn(lateUnmatchedMsg, zap.String("file", r.file), zap.Uint64("generation", gen),
		zap.Duration("after", r.neverRead), zap.Strings("unmatched", unmatched))
}
