//go:build unix

package watcher_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/watcher"
)

// A FIFO put where the file was must neither block the watcher (opening it
// for reading would wait for a writer) nor stop Close.
func TestFIFOIsNotOpened(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "components")
	mustWrite(t, path, "http=info\n")
	r := newRecorder(path)
	logger, logs := observed()
	start(t, r, watcher.WithDebounce(reloadDebounce), watcher.WithLogger(logger))

	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	waitFor(t, "the FIFO seen", func() bool { return r.last() == irregularFile })
	if n := logged(logs, zapcore.WarnLevel, "not a regular file"); n != 1 {
		t.Errorf("got %d Warn entries about the FIFO, want 1", n)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	writeAtomic(t, path, "http=debug\n")
	waitFor(t, "the file back", func() bool { return r.last() == "http=debug\n" })
}
