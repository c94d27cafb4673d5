package watcher

import (
	"os"

	"github.com/scopelog/scopelog/internal/filestate"
)

// sight is one look at the watched path.
type sight struct {
	// fp identifies what reload would see, including the ownership, mode
	// and ACLs the registry judges: two equal fingerprints mean reloading
	// again would change nothing, which keeps chmod, touch and repeated
	// events from reloading.
	fp       filestate.Fingerprint
	trust    filestate.Trust // what the registry judges, without the content
	resolved string          // the path with every symlink resolved; "" if it does not resolve
	info     os.FileInfo     // of resolved, taken before the content was read; nil if missing
	err      error           // why an unreadable file could not be read
}

// look reads path as the registry does, never more than it would (a huge
// file costs one bounded read), and fingerprints what it saw.
func look(path string) sight {
	s := filestate.Read(path)
	info := s.Info
	if info == nil && s.Resolved != "" {
		info, _ = os.Stat(s.Resolved)
	}
	return sight{fp: s.Fingerprint(), trust: s.Trust(), resolved: s.Resolved, info: info, err: s.Err}
}

// sameStat reports whether two stats of the resolved file show no sign of a
// change. It is the cheap test run at each poll interval while watching; the
// fingerprint stays the judge of whether to reload.
func sameStat(a, b os.FileInfo) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return os.SameFile(a, b) && a.Size() == b.Size() &&
		a.ModTime().Equal(b.ModTime()) && a.Mode() == b.Mode()
}
