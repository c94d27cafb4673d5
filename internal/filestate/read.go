package filestate

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
)

// MaxSize is the largest file content Read returns: the registry's limit.
// Read never reads more than MaxSize+1 bytes, the one extra byte telling a
// file of exactly MaxSize from a larger one.
const MaxSize = 1 << 20

// Kind says what a path held when it was read.
type Kind uint8

// The kinds of Snapshot.
const (
	Regular    Kind = iota + 1 // a regular file of at most MaxSize bytes; Data holds it
	TooLarge                   // a regular file of more than MaxSize bytes; Data is nil
	Missing                    // nothing there, or a dangling symlink
	Irregular                  // a directory, FIFO, device or socket: never read
	Unreadable                 // there, but resolving, opening, stating or reading failed
)

// Owner is the ownership of a file or directory, as the trust checks need it.
type Owner struct {
	UID, GID uint32
	Known    bool // false where the system has no Unix ownership (Windows)
}

// Dir is a directory in which resolving the path looked a name up: the
// path's ancestors, and those of every symlink's target. Whoever may write
// it may replace what the path leads to.
type Dir struct {
	Path  string // with no symlink in it
	Mode  fs.FileMode
	Owner Owner
	ACL   ACL
}

// Link is a symlink that resolving the path followed.
type Link struct {
	Path  string
	Owner Owner
	Dir   int // the index in Snapshot.Dirs of the directory that holds it
}

// chain is what resolving a path went through.
type chain struct {
	resolved string
	dirs     []Dir
	links    []Link
	last     fs.FileInfo // the lstat of resolved; nil for "/"
}

// Snapshot is one read of a path.
type Snapshot struct {
	Path     string // as given to Read
	Resolved string // every symlink resolved; "" when it did not resolve
	Kind     Kind
	Info     fs.FileInfo // of the opened file; nil unless Regular, TooLarge or Irregular
	Owner    Owner       // of the opened file
	ACL      ACL         // of the opened file, when Regular or TooLarge
	// Dirs holds every directory in which resolving Path looked a name up,
	// from the root down, each once, and Links every symlink it followed.
	// Both are empty when Path did not resolve, and off Unix, where nothing
	// of them is judged.
	Dirs  []Dir
	Links []Link
	Data  []byte // the content when Regular
	Err   error  // why, when Unreadable
}

// Read reads the file at path, following symlinks as opening it does.
func Read(path string) Snapshot {
	s := Snapshot{Path: path}
	c, err := resolve(path)
	if err != nil {
		return s.fail(err)
	}
	s.Resolved, s.Dirs, s.Links = c.resolved, c.dirs, c.links
	// Open what path names, not resolved: a swap in between then shows as
	// a chain the file is not at the end of, which the next read corrects,
	// rather than as the wrong file's content. A swap needs write access to
	// a directory of the chain, which the trust checks then refuse.
	f, err := open(path)
	if err != nil {
		return s.fail(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return s.fail(err)
	}
	s.Info, s.Owner = info, ownerOf(info)
	if !info.Mode().IsRegular() {
		s.Kind = Irregular
		return s
	}
	if s.ACL, err = aclOfFile(f); err != nil {
		return s.fail(err)
	}
	if info.Size() > MaxSize {
		s.Kind = TooLarge
		return s
	}
	// The limit catches a file that grows after Stat. A buffer of the size
	// Stat gave, with room for the read that finds the end, saves the copies
	// of a growing one: a 1 MiB file would otherwise cost three.
	buf := bytes.NewBuffer(make([]byte, 0, info.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxSize+1)); err != nil {
		return s.fail(err)
	}
	data := buf.Bytes()
	if len(data) > MaxSize {
		s.Kind = TooLarge
		return s
	}
	s.Kind, s.Data = Regular, data
	return s
}

func (s Snapshot) fail(err error) Snapshot {
	if errors.Is(err, fs.ErrNotExist) {
		return Snapshot{Path: s.Path, Kind: Missing}
	}
	return Snapshot{Path: s.Path, Kind: Unreadable, Err: err}
}
