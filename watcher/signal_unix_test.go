//go:build unix

package watcher_test

import (
	"fmt"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/internal/wait"
	"github.com/scopelog/scopelog/signals"
)

// A signal and a file event at the same moment: both reload, the reloads are
// serialized by the registry, and the newest content wins every time.
func TestSignalAndSaveTogether(t *testing.T) {
	file := filepath.Join(t.TempDir(), "components")
	writeAtomic(t, file, "")
	reg, _ := watchRegistry(t, file)
	stop := signals.Notify(reg.Reload, syscall.SIGUSR2)
	defer stop()
	comps := []string{"a", "b", "c"}
	for _, c := range comps {
		reg.Component(c)
	}
	levels := []zapcore.Level{zapcore.DebugLevel, zapcore.WarnLevel, zapcore.ErrorLevel}
	for i := range 20 {
		want := levels[i%len(levels)]
		c := comps[i%len(comps)]
		writeAtomic(t, file, fmt.Sprintf("%s=%s\n", c, want))
		if err := syscall.Kill(syscall.Getpid(), syscall.SIGUSR2); err != nil {
			t.Fatal(err)
		}
		wait.For(t, c+" at "+want.String(), func() bool { return reg.Component(c).Level() == want })
	}
	// Reloads still pending from either trigger read the same last content:
	// for several debounce periods, the levels must stay those of the last
	// save, with no reload failing.
	last := comps[19%len(comps)]
	end := time.Now().Add(200 * time.Millisecond)
	for time.Now().Before(end) {
		for _, c := range comps {
			want := zapcore.InfoLevel
			if c == last {
				want = levels[19%len(levels)]
			}
			if got := reg.Component(c).Level(); got != want {
				t.Fatalf("%s at %v, want %v: an older content won", c, got, want)
			}
		}
		if st := reg.LastReload(); st.Err != nil {
			t.Fatal(st.Err)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
