package bench_test

import (
	"testing"

	"go.uber.org/goleak"
)

// The latency benchmarks start signal listeners and file watchers; each must
// be stopped by the end.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
