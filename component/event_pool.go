//go:build !race

package component

// poolEvents says whether a written Event goes back to the pool. Builds with
// the race detector keep every written Event out of the pool, so that any
// use after Msg or Send finds it marked done and panics, rather than racing
// with the call that took it from the pool.
const poolEvents = true
