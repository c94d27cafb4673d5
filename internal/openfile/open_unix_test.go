//go:build unix

package openfile

import (
	"io/fs"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestOpenDoesNotBlockOnAFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		f, err := Open(p)
		if err == nil {
			fi, serr := f.Stat()
			if serr == nil && fi.Mode().IsRegular() {
				t.Error("a FIFO reported as a regular file")
			}
			f.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Open blocked on a FIFO with no writer")
	}
}

func TestWorldWritable(t *testing.T) {
	for mode, want := range map[uint32]bool{0o644: false, 0o600: false, 0o666: true, 0o602: true, 0o664: false} {
		if got := WorldWritable(fsMode(mode)); got != want {
			t.Errorf("WorldWritable(%o) = %v, want %v", mode, got, want)
		}
	}
}

func fsMode(m uint32) fs.FileMode { return fs.FileMode(m) }
