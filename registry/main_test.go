package registry

import (
	"testing"

	"go.uber.org/goleak"
)

// Expiry timers run their callback on a goroutine of their own: none may be
// left running once the tests are done.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
