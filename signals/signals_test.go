package signals

import (
	"os"
	"runtime"
	"testing"
)

func TestNotifyNilReloadPanics(t *testing.T) {
	before := runtime.NumGoroutine()
	defer func() {
		if r := recover(); r != "signals: Notify with a nil reload function" {
			t.Fatalf("recovered %v", r)
		}
		if n := runtime.NumGoroutine(); n != before {
			t.Errorf("Notify(nil) started goroutines: %d -> %d", before, n)
		}
	}()
	Notify(nil, os.Interrupt)
}
