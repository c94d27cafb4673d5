package scopehttp

import (
	"time"

	"github.com/scopelog/scopelog/component"
)

// withClock makes the handler read the time from now.
func withClock(now func() time.Time) Option {
	return optionFunc(func(c *config) { c.now = now })
}

// poolOf returns the recorder pool of a handler made by NewHandler.
func poolOf(h any) *component.RecorderPool { return h.(*handler).pool }
