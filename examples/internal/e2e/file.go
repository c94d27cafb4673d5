package e2e

import (
	"os"
	"path/filepath"
	"testing"
)

// WriteAtomic replaces the file at path with content the way editors do:
// it writes a temporary file in the same directory and renames it over
// path, so that a reader sees the old content or the new, never a mix.
func WriteAtomic(t testing.TB, path, content string) {
	t.Helper()
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		t.Fatal(err)
	}
	_, werr := tmp.WriteString(content)
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		t.Fatalf("write %s: %v %v", tmp.Name(), werr, cerr)
	}
	// CreateTemp makes the file 0600; a components file is usually 0644.
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		t.Fatal(err)
	}
}
