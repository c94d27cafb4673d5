package watcher_test

import (
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/scopelog/scopelog/watcher"
)

func TestCloseIsIdempotent(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "components")
	mustWrite(t, path, "http=info\n")
	r := newRecorder(path)
	w, err := watcher.Watch(path, r.reload, watcher.WithDebounce(reloadDebounce))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if err := w.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
	}
	wg.Wait()
	if err := w.Close(); err != nil {
		t.Errorf("Close after Close: %v", err)
	}

	// Closed means no more reloads.
	writeAtomic(t, path, "http=debug\n")
	stayQuiet(t, r, 0, 6*reloadDebounce)
}

// Close waits for a reload in progress, so that nothing of the watcher runs
// after it returns, and no reload starts after it.
func TestCloseWaitsForReload(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "components")
	mustWrite(t, path, "http=info\n")
	r := newRecorder(path)
	release := make(chan struct{})
	r.block = release
	w, err := watcher.Watch(path, r.reload, watcher.WithDebounce(reloadDebounce))
	if err != nil {
		t.Fatal(err)
	}
	writeAtomic(t, path, "http=debug\n")
	waitReloads(t, r, 1) // and stuck in it

	closed := make(chan error, 1)
	go func() { closed <- w.Close() }()
	// Close is blocked for as long as the reload is; a bounded look for
	// the opposite, since "still blocked" has no event to wait for.
	select {
	case err := <-closed:
		t.Fatalf("Close returned (%v) while a reload was in progress", err)
	case <-time.After(4 * reloadDebounce):
	}
	close(release)
	select {
	case err := <-closed:
		if err != nil {
			t.Errorf("Close: %v", err)
		}
	case <-time.After(deadline):
		t.Fatal("Close did not return once the reload did")
	}
	r.mu.Lock()
	active := r.active
	r.mu.Unlock()
	if active != 0 {
		t.Errorf("%d reloads running after Close returned", active)
	}
	writeAtomic(t, path, "http=warn\n")
	stayQuiet(t, r, 1, 6*reloadDebounce)
}

func TestZeroAndNilWatcherClose(t *testing.T) {
	var zero watcher.Watcher
	if err := zero.Close(); err != nil {
		t.Errorf("zero Watcher Close: %v", err)
	}
	var nilW *watcher.Watcher
	if err := nilW.Close(); err != nil {
		t.Errorf("nil Watcher Close: %v", err)
	}
}
