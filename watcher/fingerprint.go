package watcher

import (
	"crypto/sha256"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/scopelog/scopelog/internal/openfile"
)

// state says what the watched path resolved to when it was looked at.
type state uint8

const (
	regular    state = iota + 1 // a regular file; sum holds its content hash
	missing                     // nothing there, or a dangling symlink
	irregular                   // a directory, FIFO, device: never opened, a FIFO would block
	unreadable                  // there, but stat or read failed
)

// fingerprint identifies what reload would see. Two equal fingerprints mean
// reloading again would change nothing, which is what keeps chmod, touch and
// repeated events from reloading.
type fingerprint struct {
	state state
	sum   [sha256.Size]byte
	// worldWritable is the one part of the mode the registry judges: it
	// refuses such a file, so fixing the mode must reload, while any other
	// chmod must not.
	worldWritable bool
}

// sight is one look at the watched path.
type sight struct {
	fp       fingerprint
	resolved string      // the path with every symlink resolved; "" if it does not resolve
	info     os.FileInfo // of resolved, taken before the content was read; nil if missing
	err      error       // why an unreadable file could not be read
}

// resolve follows every symlink in path, as the reload function will when it
// opens it, and stats the result.
func resolve(path string) (string, os.FileInfo, error) {
	resolved, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", nil, err
	}
	info, err := os.Stat(resolved)
	return resolved, info, err
}

// look resolves path and fingerprints what it resolves to.
func look(path string) sight {
	resolved, info, err := resolve(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return sight{fp: fingerprint{state: missing}}
		}
		return sight{fp: fingerprint{state: unreadable}, resolved: resolved, err: err}
	}
	s := sight{resolved: resolved, info: info}
	if !info.Mode().IsRegular() {
		s.fp.state = irregular
		return s
	}
	// The path may have become a FIFO since the Stat above: open without
	// blocking, and judge what was actually opened.
	f, err := openfile.Open(resolved)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return sight{fp: fingerprint{state: missing}}
		}
		s.fp.state, s.err = unreadable, err
		return s
	}
	defer f.Close()
	if opened, err := f.Stat(); err != nil || !opened.Mode().IsRegular() {
		s.fp.state = irregular
		return s
	}
	s.fp.worldWritable = openfile.WorldWritable(info.Mode())
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		s.fp.state, s.err = unreadable, err
		return s
	}
	s.fp.state = regular
	h.Sum(s.fp.sum[:0])
	return s
}

// sameStat reports whether two stats of the resolved file show no sign of a
// change. It is the cheap test run at each poll interval while watching; the
// hash stays the judge of whether to reload.
func sameStat(a, b os.FileInfo) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return os.SameFile(a, b) && a.Size() == b.Size() &&
		a.ModTime().Equal(b.ModTime()) && a.Mode() == b.Mode()
}
