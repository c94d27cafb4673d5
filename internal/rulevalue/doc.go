// Package rulevalue reads and writes the values of a rule that every front
// door takes: a level, an absolute time (until) and a relative one (for). The
// components file (package registry), the admin handler (package admin) and
// the scopelog command all parse them here, so that an input is accepted by
// all of them or by none, and they write an expiry the same way.
//
// Error messages name the value and what was expected, and leave to the
// caller how to name the field ("until=", "until", "-until"). They quote at
// most 64 bytes of the input.
//
// Everything here is a pure function, safe for concurrent use.
package rulevalue
