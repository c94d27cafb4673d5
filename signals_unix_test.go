//go:build unix

package scopelog_test

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog"
	"github.com/scopelog/scopelog/registry"
)

// entries is a core that passes each entry to a channel, so that a test
// can wait for the acknowledgement of a reload.
type entries chan zapcore.Entry

func (c entries) Enabled(zapcore.Level) bool        { return true }
func (c entries) With([]zapcore.Field) zapcore.Core { return c }
func (c entries) Sync() error                       { return nil }
func (c entries) Write(e zapcore.Entry, _ []zapcore.Field) error {
	c <- e
	return nil
}
func (c entries) Check(e zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	return ce.AddCore(e, c)
}

// waitReload waits for the acknowledgement of a reload.
func (c entries) waitReload(t *testing.T) {
	t.Helper()
	timeout := time.After(time.Minute)
	for {
		select {
		case e := <-c:
			if e.LoggerName == registry.SelfName && e.Message == "components file not found; every component at its default level" {
				return
			}
		case <-timeout:
			t.Fatal("no reload")
		}
	}
}

// WithSignals replaces SIGUSR1 with the signals it names.
func TestOpenWithSignals(t *testing.T) {
	ch := make(entries, 64)
	logs := open(t, filepath.Join(t.TempDir(), "components"), scopelog.WithoutSocket(), scopelog.WithoutWatcher(),
		scopelog.WithSignals(syscall.SIGUSR2), scopelog.WithRegistryOptions(registry.WithCore(ch)))
	ch.waitReload(t) // Open's
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGUSR2); err != nil {
		t.Fatal(err)
	}
	ch.waitReload(t)
	if g := logs.Registry().LastReload().Generation; g != 2 {
		t.Errorf("generation %d after one signal, want 2", g)
	}
}
