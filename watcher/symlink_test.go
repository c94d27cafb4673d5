package watcher_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/scopelog/scopelog/watcher"
)

// configMap lays out a directory the way the kubelet projects a ConfigMap
// volume, and updates it the way the kubelet does.
type configMap struct {
	t   *testing.T
	dir string
	gen int
	ts  string // the current timestamped directory
}

func newConfigMap(t *testing.T, content string) *configMap {
	c := &configMap{t: t, dir: t.TempDir()}
	c.ts = c.writeGen(content)
	c.must(os.Symlink(c.ts, filepath.Join(c.dir, "..data")))
	c.must(os.Symlink(filepath.Join("..data", "components"), filepath.Join(c.dir, "components")))
	return c
}

func (c *configMap) must(err error) {
	c.t.Helper()
	if err != nil {
		c.t.Fatal(err)
	}
}

func (c *configMap) writeGen(content string) string {
	c.gen++
	ts := fmt.Sprintf("..2026_11_23_10_00_%02d.000000001", c.gen)
	c.must(os.Mkdir(filepath.Join(c.dir, ts), 0o755))
	c.must(os.WriteFile(filepath.Join(c.dir, ts, "components"), []byte(content), 0o644))
	return ts
}

// update swaps the content in atomically: a new timestamped directory, a
// "..data_tmp" symlink to it renamed over "..data", the old directory removed.
func (c *configMap) update(content string) {
	c.t.Helper()
	ts := c.writeGen(content)
	tmp := filepath.Join(c.dir, "..data_tmp")
	c.must(os.Symlink(ts, tmp))
	c.must(os.Rename(tmp, filepath.Join(c.dir, "..data")))
	c.must(os.RemoveAll(filepath.Join(c.dir, c.ts)))
	c.ts = ts
}

func TestConfigMapSwaps(t *testing.T) {
	t.Parallel()
	const debounce = 50 * time.Millisecond
	cm := newConfigMap(t, "http=info\n")
	r := newRecorder(filepath.Join(cm.dir, "components"))
	start(t, r, watcher.WithDebounce(debounce))

	for i := 1; i <= 3; i++ {
		want := fmt.Sprintf("http=debug\nswap=%d\n", i)
		cm.update(want)
		if got := waitReloads(t, r, i); got != want {
			t.Fatalf("swap %d: reload saw %q, want %q", i, got, want)
		}
	}
	stayQuiet(t, r, 3, 4*debounce)
}

func TestSymlinkIntoAnotherDirectory(t *testing.T) {
	t.Parallel()
	const debounce = matrixDebounce // the target is edited in place
	base := t.TempDir()
	for _, d := range []string{"etc", "shared"} {
		if err := os.Mkdir(filepath.Join(base, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	target := filepath.Join(base, "shared", "components")
	mustWrite(t, target, "http=info\n")
	path := filepath.Join(base, "etc", "components")
	if err := os.Symlink(filepath.Join("..", "shared", "components"), path); err != nil {
		t.Fatal(err)
	}
	r := newRecorder(path)
	// A poll interval far beyond the test shows the change came as an event.
	start(t, r, watcher.WithDebounce(debounce), watcher.WithPollInterval(time.Hour))

	// Edited in place: the only events are in the target's directory.
	mustWrite(t, target, "http=debug\n")
	if got := waitReloads(t, r, 1); got != "http=debug\n" {
		t.Errorf("reload saw %q", got)
	}

	// Retargeting the link, in the watched directory, moves the second watch.
	other := filepath.Join(base, "shared", "other")
	mustWrite(t, other, "db=debug\n")
	tmp := path + ".tmp"
	if err := os.Symlink(filepath.Join("..", "shared", "other"), tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	if got := waitReloads(t, r, 2); got != "db=debug\n" {
		t.Errorf("reload saw %q after retargeting", got)
	}
	mustWrite(t, other, "db=warn\n")
	if got := waitReloads(t, r, 3); got != "db=warn\n" {
		t.Errorf("reload saw %q after editing the new target", got)
	}
	stayQuiet(t, r, 3, 4*debounce)
}

// A release layout: the path goes through a "current" symlink that a deploy
// retargets, outside every directory the watcher can watch.
func TestRetargetedAncestorSymlink(t *testing.T) {
	t.Parallel()
	const debounce = 50 * time.Millisecond
	base := t.TempDir()
	for _, v := range []string{"v1", "v2"} {
		if err := os.MkdirAll(filepath.Join(base, "releases", v), 0o755); err != nil {
			t.Fatal(err)
		}
		mustWrite(t, filepath.Join(base, "releases", v, "components"), "release="+v+"\n")
	}
	current := filepath.Join(base, "current")
	if err := os.Symlink(filepath.Join("releases", "v1"), current); err != nil {
		t.Fatal(err)
	}
	r := newRecorder(filepath.Join(current, "components"))
	start(t, r, watcher.WithDebounce(debounce), watcher.WithPollInterval(50*time.Millisecond))

	tmp := current + ".tmp"
	if err := os.Symlink(filepath.Join("releases", "v2"), tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, current); err != nil {
		t.Fatal(err)
	}
	if got := waitReloads(t, r, 1); got != "release=v2\n" {
		t.Errorf("reload saw %q after the deploy", got)
	}
	// The watch followed the link: an edit in the new release is an event.
	writeAtomic(t, filepath.Join(base, "releases", "v2", "components"), "release=v2\nhttp=debug\n")
	if got := waitReloads(t, r, 2); got != "release=v2\nhttp=debug\n" {
		t.Errorf("reload saw %q after editing the new release", got)
	}
	// And the old release is no longer what counts.
	mustWrite(t, filepath.Join(base, "releases", "v1", "components"), "release=v1\nhttp=debug\n")
	stayQuiet(t, r, 2, 6*debounce)
}
