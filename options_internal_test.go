package scopelog

import (
	"path/filepath"
	"testing"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/registry"
)

// WithSignals with no signal starts no signal trigger; the default starts
// one (on Windows, where there is no SIGUSR1, it listens for nothing).
func TestWithSignalsNone(t *testing.T) {
	for _, c := range []struct {
		opts []Option
		stop bool
	}{
		{nil, true},
		{[]Option{WithSignals()}, false},
	} {
		opts := append([]Option{WithoutSocket(), WithoutWatcher(), WithRegistryOptions(registry.WithCore(zapcore.NewNopCore()))}, c.opts...)
		logs, err := Open(filepath.Join(t.TempDir(), "components"), opts...)
		if err != nil {
			t.Fatal(err)
		}
		if got := logs.stop != nil; got != c.stop {
			t.Errorf("options %d: a signal trigger %v, want %v", len(c.opts), got, c.stop)
		}
		logs.Close()
	}
}
