//go:build !unix

package adminsock

// gone never reports a process gone where it cannot tell; no socket is
// served here anyway.
func gone(int) bool { return false }
