//go:build unix

package filestate

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

// A symlink into another directory reports the directories of both paths,
// and the link.
func TestReadSymlinkDirs(t *testing.T) {
	base := t.TempDir()
	for _, d := range []string{"etc", "shared"} {
		if err := os.Mkdir(filepath.Join(base, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	target := filepath.Join(base, "shared", "components")
	write(t, target, "db\n", 0o644)
	link := filepath.Join(base, "etc", "components")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	s := Read(link)
	want := append(ancestors(filepath.Join(base, "etc")), filepath.Join(base, "shared"))
	if s.Kind != Regular || s.Resolved != target || !slices.Equal(dirPaths(s), want) {
		t.Fatalf("symlink: directories %q, want %q; %+v", dirPaths(s), want, s)
	}
	if len(s.Links) != 1 || s.Links[0].Path != link || s.Dirs[s.Links[0].Dir].Path != filepath.Join(base, "etc") {
		t.Errorf("links %+v, want %s in etc", s.Links, link)
	}
}

// Every directory that resolving the path looks a name up in is reported,
// through relative and absolute links, each once: safe/components ->
// ../evil/mid -> <base>/safe2/end.
func TestReadFollowsEveryLink(t *testing.T) {
	base := t.TempDir()
	for _, d := range []string{"safe", "evil", "safe2"} {
		if err := os.Mkdir(filepath.Join(base, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	end := filepath.Join(base, "safe2", "end")
	write(t, end, "db\n", 0o644)
	mid := filepath.Join(base, "evil", "mid")
	link := filepath.Join(base, "safe", "components")
	if err := os.Symlink(end, mid); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../evil/mid", link); err != nil {
		t.Fatal(err)
	}
	s := Read(link)
	want := append(ancestors(base), filepath.Join(base, "safe"), filepath.Join(base, "evil"), filepath.Join(base, "safe2"))
	if s.Kind != Regular || s.Resolved != end || !slices.Equal(dirPaths(s), want) {
		t.Fatalf("directories %q, want %q; %+v", dirPaths(s), want, s)
	}
	if len(s.Links) != 2 || s.Links[0].Path != link || s.Links[1].Path != mid || s.Dirs[s.Links[1].Dir].Path != filepath.Join(base, "evil") {
		t.Errorf("links %+v, want %s then %s", s.Links, link, mid)
	}

	// A relative path starts at the working directory, whose ancestors
	// count too.
	t.Chdir(base)
	s = Read("safe2/end")
	if want := append(ancestors(base), filepath.Join(base, "safe2")); s.Kind != Regular || !slices.Equal(dirPaths(s), want) {
		t.Errorf("relative path: directories %q, want %q", dirPaths(s), want)
	}
}

func TestReadResolutionFailures(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if err := os.Symlink(b, a); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(a, b); err != nil {
		t.Fatal(err)
	}
	if s := Read(a); s.Kind != Unreadable || !errors.Is(s.Err, syscall.ELOOP) {
		t.Errorf("a loop of links: %+v", s)
	}
	file := filepath.Join(dir, "f")
	write(t, file, "db\n", 0o644)
	if s := Read(filepath.Join(file, "x")); s.Kind != Unreadable || !errors.Is(s.Err, syscall.ENOTDIR) {
		t.Errorf("a file used as a directory: %+v", s)
	}
}
