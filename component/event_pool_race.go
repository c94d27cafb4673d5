//go:build race

package component

// poolEvents is false in builds with the race detector: see event_pool.go.
const poolEvents = false
