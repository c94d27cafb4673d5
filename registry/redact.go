package registry

import (
	"slices"

	"github.com/scopelog/scopelog/component"
)

// safety is what a Registry gives every component besides its level: the
// redaction of secrets (this file) and the default limit (limit.go).
type safety struct {
	redact     component.RedactConfig
	redactor   *component.Redactor // built by setup from redact
	debugLimit int
}

// WithRedactKeys adds keys whose values every component redacts, besides
// component.DefaultRedactKeys: whole keys, matched in any case, at any
// depth of objects, groups and maps. Their values are written as
// fingerprints, "[redacted a1b2c3d4]"; see the component package,
// "Redaction".
func WithRedactKeys(keys ...string) Option {
	return optionFunc(func(r *Registry) { r.safe.redact.Keys = append(slices.Clone(r.safe.redact.Keys), keys...) })
}

// WithoutDefaultRedaction drops component.DefaultRedactKeys, leaving only
// the keys of WithRedactKeys. It is a risk: a credential logged under one
// of the usual names ("authorization", "password", "token", ...) is then
// written as it is, by every component, at every level a rule turns on.
// Values marked with component.Secret stay redacted.
func WithoutDefaultRedaction() Option {
	return optionFunc(func(r *Registry) { r.safe.redact.NoDefaults = true })
}

// WithRedactKey sets the key of the fingerprints, at least 16 bytes (New
// panics on a shorter one). Give every replica of a fleet the same key,
// from its secret store, and they write the same fingerprint for the same
// secret, so that one token can be followed across replicas. The default
// is a key drawn at random once per process: fingerprints then compare
// within one process's log only.
func WithRedactKey(key []byte) Option {
	key = slices.Clone(key)
	return optionFunc(func(r *Registry) { r.safe.redact.Key = key })
}

// WithRedactValues makes every component scan every string it logs,
// whatever its key, for a bearer credential ("Bearer <token>") or a JSON
// Web Token, and fingerprint what it finds. It costs a scan of every
// string, so it is off by default.
func WithRedactValues() Option {
	return optionFunc(func(r *Registry) { r.safe.redact.Values = true })
}
