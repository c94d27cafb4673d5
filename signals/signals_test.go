package signals

import (
	"os"
	"runtime"
	"testing"
)

func TestNotifyNilReloadIsNoop(t *testing.T) {
	before := runtime.NumGoroutine()
	stop := Notify(nil, os.Interrupt)
	if n := runtime.NumGoroutine(); n != before {
		t.Errorf("Notify(nil) started goroutines: %d -> %d", before, n)
	}
	stop()
	stop()
}
