//go:build !unix

package signals

import (
	"runtime"
	"testing"
)

func TestNotifyWithoutSignalsIsNoop(t *testing.T) {
	before := runtime.NumGoroutine()
	stop := Notify(func() error { return nil })
	if n := runtime.NumGoroutine(); n != before {
		t.Errorf("Notify with no signals started goroutines: %d -> %d", before, n)
	}
	stop()
	stop()
}
