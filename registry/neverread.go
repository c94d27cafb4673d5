package registry

import (
	"sync/atomic"
	"time"
	"weak"

	"go.uber.org/zap"
)

// NeverReadAfter is how long a Registry with a file waits for its first
// Reload before it warns that the file was never read.
const NeverReadAfter = 5 * time.Second

// neverReadMsg is the warning's message.
const neverReadMsg = "components file never read: call Reload, or use scopelog.Open"

// The states of a never-read warning.
const (
	neverArmed int32 = iota // waiting for the first Reload or the timer
	neverDue                // the timer fired before any component was used
	neverDone               // Reload ran, or the warning was given
)

// neverRead is the warning a Registry with a file gives when its program
// forgot the first Reload, which would otherwise go unnoticed: every
// component stays at its default and the file's rules never apply.
type neverRead struct {
	state atomic.Int32
	timer *time.Timer // set by setup, never changed
}

// armNeverRead starts the warning's timer. The timer holds the registry
// weakly, so that a registry the program dropped without a Reload is
// collected rather than kept for the timer; it fires once, and Reload stops
// it. The caller is setup.
func (r *Registry) armNeverRead() {
	if r.neverRead <= 0 {
		r.neverRead = NeverReadAfter
	}
	wr := weak.Make(r)
	r.never.timer = time.AfterFunc(r.neverRead, func() {
		if r := wr.Value(); r != nil {
			r.neverReadFired()
		}
	})
}

// neverReadFired is the timer's work: warn if a component other than the
// registry's own is in use, or leave the warning to the first registration
// of one.
func (r *Registry) neverReadFired() {
	if !r.never.state.CompareAndSwap(neverArmed, neverDue) {
		return
	}
	r.mu.RLock()
	used := len(r.entries) > 1 // the registry's own component is always there
	r.mu.RUnlock()
	if used {
		r.warnNeverRead()
	}
}

// warnNeverRead gives the warning once, unless Reload ran meanwhile. It is
// called by the timer, or on the first registration of a component after
// the timer fired: never on a log call.
func (r *Registry) warnNeverRead() {
	if r.never.state.CompareAndSwap(neverDue, neverDone) {
		r.self.Warn(neverReadMsg, zap.String("file", r.file), zap.Duration("after", r.neverRead))
	}
}

// readOnce records that Reload ran, and stops the timer. The caller is
// Reload.
func (r *Registry) readOnce() {
	if r.never.state.Load() == neverDone {
		return
	}
	r.never.state.Store(neverDone)
	if r.never.timer != nil {
		r.never.timer.Stop()
	}
}
