package registry

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestCoversMatchesAsRulesDo(t *testing.T) {
	for _, c := range []struct {
		pattern, name string
		want          bool
	}{
		{"saas", "saas", true},
		{"saas", "saas.client", true},
		{"saas.client", "saas", false},
		{"saas", "saasy", false},
		{"*", "db.pool", true},
		{"*.client", "saas.client.retry", true},
		{"*.client", "saas.server", false},
		{"saas.client[tenant=acme]", "saas.client", true},
		{"", "db", false},
		{"db..x", "db", false},
		{"db", "", false},
	} {
		if got := Covers(c.pattern, c.name); got != c.want {
			t.Errorf("Covers(%q, %q) = %v, want %v", c.pattern, c.name, got, c.want)
		}
	}
}

func TestReadTrusted(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "key")
	if err := os.WriteFile(path, []byte("secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	data, err := ReadTrusted(path)
	if err != nil || string(data) != "secret" {
		t.Fatalf("ReadTrusted = %q, %v", data, err)
	}
	if _, err := ReadTrusted(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if runtime.GOOS == "windows" {
		return
	}
	if err := os.Chmod(path, 0o606); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadTrusted(path); !errors.Is(err, ErrWorldWritable) {
		t.Errorf("world-writable file: %v", err)
	}
}
