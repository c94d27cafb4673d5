package registry

// RequireMatch makes [Registry.Override] refuse a pattern that covers no
// registered component, with an *[UnmatchedError] that carries the "did you
// mean" and changes nothing: a front door that takes patterns from people,
// such as the admin handler, refuses the typo rather than set an override
// that waits for a component that will never exist. The check and the change
// are one step: no registration or other override slips in between.
//
// Without it, Override sets such a pattern, which then applies to the
// components registered later, and warns in its acknowledgement.
func RequireMatch() OverrideOption { return requireMatch{} }

type requireMatch struct{}

func (requireMatch) applyOverride(c *overrideConfig) { c.requireMatch = true }

// UnmatchedError is the error of an override refused under [RequireMatch]:
// its pattern covers no registered component.
type UnmatchedError struct {
	Pattern string
	// Suggestion is the registered name closest to Pattern, at Pattern's
	// depth and with its '*' segments kept, or "" if none is close enough to
	// be a likely typo.
	Suggestion string
}

// Error says that no component matches, and what was likely meant:
// "registry: no registered component matches saas.clinet; did you mean
// saas.client?".
func (e *UnmatchedError) Error() string {
	s := "registry: no registered component matches " + clip(e.Pattern)
	if e.Suggestion != "" {
		s += "; did you mean " + clip(e.Suggestion) + "?"
	}
	return s
}

// matchesAny reports whether pattern, a valid pattern, covers a registered
// component, as a rule with that pattern would.
func (r *Registry) matchesAny(pattern string) bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, e := range r.entries {
		if covers(pattern, e.log.Name()) {
			return true
		}
	}
	return false
}

// suggest returns the registered name closest to pattern, or "" (see
// [UnmatchedError.Suggestion]). The caller holds opMu, which guards the
// hints.
func (r *Registry) suggest(pattern string) string {
	r.mu.RLock()
	added := r.entries[r.hints.upto:]
	r.mu.RUnlock()
	for _, e := range added {
		r.hints.add(e.log.Name())
	}
	r.hints.upto += len(added)
	return r.hints.suggest(pattern)
}
