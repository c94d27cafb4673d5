//go:build unix

package filestate

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestReadDoesNotBlockOnAFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan Snapshot, 1)
	go func() { done <- Read(p) }()
	select {
	case s := <-done:
		if s.Kind != Irregular {
			t.Fatalf("a FIFO read as %+v", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Read blocked on a FIFO with no writer")
	}
}
