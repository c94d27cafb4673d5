package watcher_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/watcher"
)

// The matrix uses a quiet period long enough that the steps of one save,
// done back to back, always fall inside it even on a loaded machine.
const matrixDebounce = 200 * time.Millisecond

func TestEditorSaves(t *testing.T) {
	const old, updated = "http=info\n", "http=debug\ndb=warn\n"
	tests := []struct {
		name    string
		initial bool // whether the file exists when Watch starts
		save    func(t *testing.T, path string)
	}{
		{"plain write", true, func(t *testing.T, path string) {
			mustWrite(t, path, updated)
		}},
		{"truncate then write", true, func(t *testing.T, path string) {
			if err := os.Truncate(path, 0); err != nil {
				t.Fatal(err)
			}
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.WriteString(updated); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
		}},
		{"temp file renamed over", true, func(t *testing.T, path string) {
			writeAtomic(t, path, updated)
		}},
		{"backup rename then write (vim)", true, func(t *testing.T, path string) {
			if err := os.Rename(path, path+"~"); err != nil {
				t.Fatal(err)
			}
			mustWrite(t, path, updated)
			if err := os.Remove(path + "~"); err != nil {
				t.Fatal(err)
			}
		}},
		{"delete then create", true, func(t *testing.T, path string) {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			mustWrite(t, path, updated)
		}},
		{"rename away then create", true, func(t *testing.T, path string) {
			if err := os.Rename(path, filepath.Join(filepath.Dir(path), "old")); err != nil {
				t.Fatal(err)
			}
			mustWrite(t, path, updated)
		}},
		{"created after start", false, func(t *testing.T, path string) {
			mustWrite(t, path, updated)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "components")
			if tt.initial {
				mustWrite(t, path, old)
			}
			r := newRecorder(path)
			start(t, r, watcher.WithDebounce(matrixDebounce))

			tt.save(t, path)

			if got := waitReloads(t, r, 1); got != updated {
				t.Errorf("reload saw %q, want %q", got, updated)
			}
			stayQuiet(t, r, 1, 4*matrixDebounce)
		})
	}
}

func TestTornWriteIsNeverApplied(t *testing.T) {
	t.Parallel()
	const debounce = 500 * time.Millisecond
	path := filepath.Join(t.TempDir(), "components")
	mustWrite(t, path, "http=info\n")
	r := newRecorder(path)
	events := newGatedWatch()
	start(t, r, watcher.WithDebounce(debounce), watcher.WithWatchFunc(events.newWatch))

	full := "http=debug\ndb=debug\ncache=warn\n"
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := events.received(path)
	if _, err := f.WriteString(full[:len(full)/2]); err != nil {
		t.Fatal(err)
	}
	// The writer stalls mid-file, for much less than the quiet period,
	// until the watcher has seen the half-written file change.
	events.waitReceived(t, path, n)
	if _, err := f.WriteString(full[len(full)/2:]); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	if got := waitReloads(t, r, 1); got != full {
		t.Errorf("reload saw %q, want the complete %q", got, full)
	}
	stayQuiet(t, r, 1, 2*debounce)
}

func TestAttributeChangesDoNotReload(t *testing.T) {
	t.Parallel()
	const debounce = 50 * time.Millisecond
	path := filepath.Join(t.TempDir(), "components")
	mustWrite(t, path, "http=info\n")
	r := newRecorder(path)
	start(t, r, watcher.WithDebounce(debounce))

	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, path, "http=info\n") // same bytes rewritten
	stayQuiet(t, r, 0, 6*debounce)

	// The watcher was listening all along: a real change reloads.
	mustWrite(t, path, "http=debug\n")
	if got := waitReloads(t, r, 1); got != "http=debug\n" {
		t.Errorf("reload saw %q", got)
	}
}

func TestDeletedFileReloadsAndWarns(t *testing.T) {
	t.Parallel()
	const debounce = 50 * time.Millisecond
	path := filepath.Join(t.TempDir(), "components")
	mustWrite(t, path, "http=debug\n")
	r := newRecorder(path)
	logger, logs := observed()
	start(t, r, watcher.WithDebounce(debounce), watcher.WithLogger(logger))

	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if got := waitReloads(t, r, 1); got != missingFile {
		t.Errorf("reload saw %q, want the file missing", got)
	}
	if n := logged(logs, zapcore.WarnLevel, "file is missing"); n != 1 {
		t.Errorf("got %d Warn entries about the missing file, want 1", n)
	}
	stayQuiet(t, r, 1, 4*debounce)

	mustWrite(t, path, "http=info\n")
	if got := waitReloads(t, r, 2); got != "http=info\n" {
		t.Errorf("reload saw %q after re-creation", got)
	}
}

func TestStartsWithoutReloading(t *testing.T) {
	t.Parallel()
	const debounce = 50 * time.Millisecond
	path := filepath.Join(t.TempDir(), "components")
	mustWrite(t, path, "http=info\n")
	r := newRecorder(path)
	start(t, r, watcher.WithDebounce(debounce))
	stayQuiet(t, r, 0, 6*debounce)
}
