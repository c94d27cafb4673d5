//go:build !linux

package adminsock

// maxPath is the longest socket path the system takes: sun_path holds 104
// bytes on macOS and the BSDs, with the terminating NUL.
const maxPath = 103
