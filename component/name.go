package component

import (
	"errors"
	"fmt"
)

// ErrInvalidName is wrapped by the errors of [CheckName].
var ErrInvalidName = errors.New("component: invalid name")

// NameRule states the rule for component names, for messages that must
// explain a refusal.
const NameRule = "a component name is one or more segments of [a-z0-9_-] joined by '.'"

// CheckName reports whether name is a valid component name. The error, which
// wraps [ErrInvalidName], says which byte breaks the rule and where.
func CheckName(name string) error {
	if name == "" {
		return fmt.Errorf("%w %q: empty; %s", ErrInvalidName, name, NameRule)
	}
	start := 0
	for i := 0; i <= len(name); i++ {
		if i == len(name) || name[i] == '.' {
			if i == start {
				return fmt.Errorf("%w %q: empty segment at offset %d; %s", ErrInvalidName, name, i, NameRule)
			}
			start = i + 1
			continue
		}
		if !IsNameByte(name[i]) {
			return fmt.Errorf("%w %q: character %q at offset %d; %s", ErrInvalidName, name, name[i], i, NameRule)
		}
	}
	return nil
}

// IsNameByte reports whether c may appear in a segment of a component name.
func IsNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}
