package filestate

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

func write(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // WriteFile's mode passes the umask
		t.Fatal(err)
	}
}

func TestReadKinds(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	write(t, file, "db\n", 0o644)
	s := Read(file)
	if s.Kind != Regular || string(s.Data) != "db\n" || s.Resolved != file || len(s.Links) != 0 {
		t.Fatalf("regular file: %+v", s)
	}
	if got, want := dirPaths(s), ancestors(dir); runtime.GOOS != "windows" && !slices.Equal(got, want) {
		t.Errorf("directories %q, want every ancestor %q", got, want)
	}
	if s := Read(filepath.Join(dir, "none")); s.Kind != Missing {
		t.Errorf("missing file: kind %v", s.Kind)
	}
	if err := os.Symlink(filepath.Join(dir, "none"), filepath.Join(dir, "dangling")); err != nil {
		t.Fatal(err)
	}
	if s := Read(filepath.Join(dir, "dangling")); s.Kind != Missing {
		t.Errorf("dangling symlink: kind %v", s.Kind)
	}
	if s := Read(dir); s.Kind != Irregular || !s.Info.IsDir() {
		t.Errorf("directory: %+v", s)
	}
}

func TestReadIsBounded(t *testing.T) {
	dir := t.TempDir()
	exact := filepath.Join(dir, "exact")
	write(t, exact, strings.Repeat("#", MaxSize), 0o644)
	if s := Read(exact); s.Kind != Regular || len(s.Data) != MaxSize {
		t.Errorf("a file of MaxSize bytes: kind %v, %d bytes", s.Kind, len(s.Data))
	}
	huge := filepath.Join(dir, "huge")
	write(t, huge, "", 0o644)
	if err := os.Truncate(huge, 4<<30); err != nil {
		t.Skipf("cannot make a 4 GiB sparse file here: %v", err)
	}
	start := time.Now()
	s := Read(huge)
	d := time.Since(start)
	if s.Kind != TooLarge || s.Data != nil || s.Info.Size() != 4<<30 {
		t.Errorf("4 GiB file: kind %v, %d bytes of data", s.Kind, len(s.Data))
	}
	if d > 100*time.Millisecond {
		t.Errorf("reading a 4 GiB sparse file took %v", d)
	}
}

func TestFingerprint(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	write(t, file, "db\n", 0o644)
	fp := func() Fingerprint { s := Read(file); return s.Fingerprint() }
	base := fp()
	if fp() != base {
		t.Fatal("two reads of the same file differ")
	}
	write(t, file, "db\n", 0o640) // a mode the checks do not judge
	if fp() != base {
		t.Error("chmod o-r changed the fingerprint")
	}
	if runtime.GOOS != "windows" {
		write(t, file, "db\n", 0o664)
		if fp() == base {
			t.Error("chmod g+w did not change the fingerprint")
		}
		write(t, file, "db\n", 0o644)
		if err := os.Chmod(dir, 0o777); err != nil {
			t.Fatal(err)
		}
		if fp() == base {
			t.Error("making the directory world-writable did not change the fingerprint")
		}
		if err := os.Chmod(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if os.Geteuid() == 0 {
			if err := os.Chown(file, 65534, -1); err != nil {
				t.Fatal(err)
			}
			if fp() == base {
				t.Error("chown did not change the fingerprint")
			}
			if err := os.Chown(file, 0, -1); err != nil {
				t.Fatal(err)
			}
		}
	}
	if fp() != base {
		t.Fatal("restoring mode and owner did not restore the fingerprint")
	}
	write(t, file, "db=info\n", 0o644)
	if fp() == base {
		t.Error("new content, same fingerprint")
	}
}

// BenchmarkRead reads a small file four directories below the temporary
// directory, as a reload or a watcher's check does.
func BenchmarkRead(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "a", "b", "c", "d")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(dir, "components")
	if err := os.WriteFile(file, []byte("db=debug\nsaas.client=info record=50\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if s := Read(file); s.Kind != Regular {
			b.Fatal(s.Err)
		}
	}
}

// ancestors returns dir and every directory above it, from the root down.
func ancestors(dir string) []string {
	var out []string
	for d := dir; ; d = filepath.Dir(d) {
		out = append(out, d)
		if d == filepath.Dir(d) {
			break
		}
	}
	slices.Reverse(out)
	return out
}

func dirPaths(s Snapshot) []string {
	var out []string
	for _, d := range s.Dirs {
		out = append(out, d.Path)
	}
	return out
}
