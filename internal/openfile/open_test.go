package openfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestOpenReadsARegularFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte("db\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := make([]byte, 8)
	n, err := f.Read(b)
	if err != nil || string(b[:n]) != "db\n" {
		t.Fatalf("read %q, %v", b[:n], err)
	}
}
