// Package wait is test-only: the tests' way to wait for something that
// happens in another goroutine or process, polling a condition until a
// deadline, never sleeping and hoping. It imports testing, so only _test.go
// files may import it. For is safe for concurrent use.
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
