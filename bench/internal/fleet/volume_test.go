package fleet

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

// tsDir is the name the kubelet gives a volume's timestamped directory.
var tsDir = regexp.MustCompile(`^\.\.\d{4}_\d{2}_\d{2}_\d{2}_\d{2}_\d{2}\.\d+$`)

func names(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var n []string
	for _, e := range ents {
		n = append(n, e.Name())
	}
	return n
}

// checkLayout checks dir against the kubelet's layout and returns the
// timestamped directory.
func checkLayout(t *testing.T, dir string, want string) string {
	t.Helper()
	n := names(t, dir)
	// ReadDir sorts: "..2…" before "..data".
	if len(n) != 3 || !tsDir.MatchString(n[0]) || n[1] != dataLink || n[2] != key {
		t.Fatalf("the volume holds %q, want a timestamped directory, ..data and components", n)
	}
	if target, err := os.Readlink(filepath.Join(dir, dataLink)); err != nil || target != n[0] {
		t.Errorf("..data -> %q (%v), want the relative link to %s", target, err, n[0])
	}
	if target, err := os.Readlink(filepath.Join(dir, key)); err != nil || target != filepath.Join(dataLink, key) {
		t.Errorf("components -> %q (%v), want ..data/components", target, err)
	}
	if got := names(t, filepath.Join(dir, n[0])); !slices.Equal(got, []string{key}) {
		t.Errorf("%s holds %q", n[0], got)
	}
	fi, err := os.Stat(filepath.Join(dir, n[0], key))
	if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o444 {
		t.Errorf("the file is %v (%v), want a regular file with mode 0444", fi.Mode(), err)
	}
	data, err := os.ReadFile(filepath.Join(dir, key))
	if err != nil || string(data) != want {
		t.Errorf("read through the link: %q (%v), want %q", data, err, want)
	}
	return n[0]
}

func TestVolume(t *testing.T) {
	dir := t.TempDir()
	v, err := NewVolume(dir, key, []byte("a\n"))
	if err != nil {
		t.Fatal(err)
	}
	if v.Path() != filepath.Join(dir, key) {
		t.Errorf("Path() = %s", v.Path())
	}
	first := checkLayout(t, dir, "a\n")

	swap, err := v.Update([]byte("b\n"))
	if err != nil {
		t.Fatal(err)
	}
	if swap.After.Before(swap.Before) {
		t.Errorf("the swap ended at %v, before it began at %v", swap.After, swap.Before)
	}
	// One new directory, the old one gone, no ..data_tmp left.
	if second := checkLayout(t, dir, "b\n"); second == first {
		t.Errorf("the update reused the directory %s", first)
	}
}

func TestVolumeKey(t *testing.T) {
	for _, k := range []string{"", "a/b", "..data", ".hidden"} {
		if _, err := NewVolume(t.TempDir(), k, nil); err == nil {
			t.Errorf("NewVolume with key %q succeeded", k)
		}
	}
}
