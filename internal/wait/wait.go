// Package wait is the tests' way to wait for something that happens in
// another goroutine or process: poll a condition until a deadline, never
// sleep and hope. It is imported by tests only. For is safe for concurrent
// use.
package wait

import (
	"testing"
	"time"
)

// Deadline bounds every wait. It is only reached when a test fails, so it is
// generous enough for a loaded machine running with -race.
const Deadline = 10 * time.Second

// For polls cond until it holds, failing the test after Deadline with what
// was awaited.
func For(t testing.TB, what string, cond func() bool) {
	t.Helper()
	end := time.Now().Add(Deadline)
	for !cond() {
		if time.Now().After(end) {
			t.Fatalf("timed out after %v waiting for %s", Deadline, what)
		}
		time.Sleep(time.Millisecond)
	}
}
