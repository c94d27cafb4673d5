package watcher_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/scopelog/scopelog/watcher"
)

func TestWatchRejectsBadInput(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "components")
	mustWrite(t, file, "http=info\n")
	reload := func() error { return nil }
	tests := []struct {
		name   string
		path   string
		reload func() error
		opts   []watcher.Option
		want   string
		is     error
	}{
		{"empty path", "", reload, nil, "watcher: empty path", nil},
		{"nil reload", file, nil, nil, "watcher: nil reload function", nil},
		{"negative debounce", file, reload, []watcher.Option{watcher.WithDebounce(-time.Second)},
			"watcher: negative debounce -1s", nil},
		{"zero poll interval", file, reload, []watcher.Option{watcher.WithPollInterval(0)},
			"watcher: poll interval 0s is not positive", nil},
		{"missing parent", filepath.Join(dir, "nope", "components"), reload, nil,
			"watcher: parent directory: ", fs.ErrNotExist},
		{"parent is a file", filepath.Join(file, "components"), reload, nil,
			"components is not a directory", nil},
		{"path is a directory", dir, reload, nil, "is a directory, not a file", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := watcher.Watch(tt.path, tt.reload, tt.opts...)
			if err == nil {
				_ = w.Close()
				t.Fatal("Watch succeeded")
			}
			if w != nil {
				t.Error("Watch returned a Watcher with its error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %q is not %v", err, tt.is)
			}
		})
	}
}

// A nil Option is a programming error, as in registry.New: Watch panics
// naming its position, and starts nothing.
func TestWatchPanicsOnANilOption(t *testing.T) {
	path := filepath.Join(t.TempDir(), "components")
	defer func() {
		if p, want := recover(), "watcher: Watch: option 1 (counting from 0) is nil"; p != want {
			t.Errorf("panic %v, want %q", p, want)
		}
	}()
	_, _ = watcher.Watch(path, func() error { return nil }, watcher.WithDebounce(0), nil)
}

// Options with edge values are accepted and still work.
func TestEdgeOptions(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "components")
	mustWrite(t, path, "http=info\n")
	r := newRecorder(path)
	// A relative path is made absolute once, so a later chdir cannot move it.
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(wd, path)
	if err != nil {
		t.Skip("no relative path to the temporary directory:", err)
	}
	w, err := watcher.Watch(rel, r.reload, watcher.WithDebounce(0), watcher.WithLogger(nil))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = w.Close() })
	writeAtomic(t, path, "http=debug\n")
	if got := waitReloads(t, r, 1); got != "http=debug\n" {
		t.Errorf("reload saw %q", got)
	}
}
