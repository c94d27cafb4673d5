package wait

import (
	"sync/atomic"
	"testing"
	"time"
)

func TestForReturnsOnceTheConditionHolds(t *testing.T) {
	var ready atomic.Bool
	time.AfterFunc(20*time.Millisecond, func() { ready.Store(true) })
	For(t, "ready", ready.Load)
	if !ready.Load() {
		t.Fatal("For returned before the condition held")
	}
}
