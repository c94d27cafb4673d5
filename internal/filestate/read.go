package filestate

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/scopelog/scopelog/internal/openfile"
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

// Dir is a directory that holds the file: the one named by the path, or the
// one holding the file a symlink resolves to.
type Dir struct {
	Path  string
	Mode  fs.FileMode
	Owner Owner
}

// Snapshot is one read of a path.
type Snapshot struct {
	Path     string // as given to Read
	Resolved string // every symlink resolved; "" when it did not resolve
	Kind     Kind
	Info     fs.FileInfo // of the opened file; nil unless Regular, TooLarge or Irregular
	Owner    Owner       // of the opened file
	// Dirs holds the directory of Path and, when the path resolves into
	// another directory, that one too. It is empty unless Kind is Regular
	// or TooLarge.
	Dirs []Dir
	Data []byte // the content when Regular
	Err  error  // why, when Unreadable
}

// Read reads the file at path, following symlinks as opening it does.
func Read(path string) Snapshot {
	s := Snapshot{Path: path}
	resolved, err := filepath.EvalSymlinks(path)
	if err != nil {
		return s.fail(err)
	}
	s.Resolved = resolved
	// Open what path names, not resolved: a swap in between then shows as
	// a directory the file is not in, which the next read corrects, rather
	// than as the wrong file's content.
	f, err := openfile.Open(path)
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
	if s.Dirs, err = dirsOf(path, resolved); err != nil {
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
	s.Kind, s.Err = Unreadable, err
	s.Info, s.Dirs, s.Data = nil, nil, nil
	return s
}

// dirsOf returns the directory of path and, if it is another one, the
// directory of resolved.
func dirsOf(path, resolved string) ([]Dir, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	first, err := statDir(filepath.Dir(abs))
	if err != nil {
		return nil, err
	}
	second, err := statDir(filepath.Dir(resolved))
	if err != nil {
		return nil, err
	}
	if first.info == nil || second.info == nil || os.SameFile(first.info, second.info) {
		return []Dir{first.Dir}, nil
	}
	return []Dir{first.Dir, second.Dir}, nil
}

type dirStat struct {
	Dir
	info fs.FileInfo
}

func statDir(path string) (dirStat, error) {
	info, err := os.Stat(path)
	if err != nil {
		return dirStat{}, err
	}
	return dirStat{Dir{Path: path, Mode: info.Mode(), Owner: ownerOf(info)}, info}, nil
}

// Fingerprint identifies what a reload would see and judge. Two equal
// fingerprints mean reloading again would change nothing.
type Fingerprint struct {
	kind Kind
	sum  [sha256.Size]byte // of Data, when Regular
	size int64             // when TooLarge, as Stat reported it
	// The parts of ownership and mode that the trust checks judge, so that
	// fixing them reloads while any other chmod does not.
	file    trustBits
	dirs    [2]trustBits
	numDirs int
}

type trustBits struct {
	owner Owner
	bits  fs.FileMode // group and world write, sticky
}

func bitsOf(m fs.FileMode, o Owner) trustBits {
	return trustBits{owner: o, bits: m & (0o022 | fs.ModeSticky)}
}

// Fingerprint returns the fingerprint of s.
func (s *Snapshot) Fingerprint() Fingerprint {
	fp := Fingerprint{kind: s.Kind}
	switch s.Kind {
	case Regular:
		fp.sum = sha256.Sum256(s.Data)
	case TooLarge:
		fp.size = s.Info.Size()
	default:
		return fp
	}
	fp.file = bitsOf(s.Info.Mode(), s.Owner)
	for i, d := range s.Dirs {
		fp.dirs[i] = bitsOf(d.Mode, d.Owner)
	}
	fp.numDirs = len(s.Dirs)
	return fp
}

// Kind returns the kind of the snapshot fp was taken of.
func (fp Fingerprint) Kind() Kind { return fp.kind }
