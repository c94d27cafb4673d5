//go:build unix

package watcher_test

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/internal/wait"
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
	wait.For(t, "the FIFO seen", func() bool { return r.last() == irregularFile })
	if n := logged(logs, zapcore.WarnLevel, "not a regular file"); n != 1 {
		t.Errorf("got %d Warn entries about the FIFO, want 1", n)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	writeAtomic(t, path, "http=debug\n")
	wait.For(t, "the file back", func() bool { return r.last() == "http=debug\n" })
}

// A FIFO renamed over the file between the watcher's stat and its open must
// not block it: the open does not wait, and Close returns.
func TestFIFOSwappedInDuringLook(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "components")
	mustWrite(t, path, "http=info\n")
	r := newRecorder(path)
	r.path = filepath.Join(dir, "absent") // the recorder must not open the FIFO itself
	w, err := watcher.Watch(path, r.reload, watcher.WithDebounce(0), watcher.WithPollInterval(time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	fifo, file := filepath.Join(dir, "fifo"), filepath.Join(dir, "file")
	end := time.Now().Add(time.Second)
	for i := 0; time.Now().Before(end); i++ {
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Skip("mkfifo:", err)
		}
		mustNil(t, os.Rename(fifo, path))
		mustWrite(t, file, fmt.Sprintf("http=info # %d\n", i))
		mustNil(t, os.Rename(file, path))
	}
	closed := make(chan error, 1)
	go func() { closed <- w.Close() }()
	select {
	case err := <-closed:
		if err != nil {
			t.Fatalf("Close: %v", err)
		}
	case <-time.After(deadline):
		t.Fatal("Close did not return: the watcher is blocked")
	}
}

// Making a world-writable file safe must reload, since the registry refuses
// the file until then; other changes of mode must not.
func TestFixingAWorldWritableFileReloads(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "components")
	mustWrite(t, path, "http=debug\n")
	mustNil(t, os.Chmod(path, 0o666))
	r := newRecorder(path)
	start(t, r, watcher.WithDebounce(reloadDebounce))

	mustNil(t, os.Chmod(path, 0o644))
	waitReloads(t, r, 1)
	mustNil(t, os.Chmod(path, 0o600))
	stayQuiet(t, r, 1, 6*reloadDebounce)
	mustNil(t, os.Chmod(path, 0o602))
	waitReloads(t, r, 2)
}

func mustNil(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
