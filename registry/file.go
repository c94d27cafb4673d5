package registry

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/scopelog/scopelog/internal/filestate"
)

// MaxFileSize is the largest components file Reload accepts. Neither Reload
// nor the watcher ever reads more than MaxFileSize+1 bytes of it.
const MaxFileSize = filestate.MaxSize

// Errors about the components file itself, as opposed to its content. The
// errors Reload returns wrap them, prefixed with the file's path.
var (
	ErrNoFile        = errors.New("registry: no components file: use WithFile")
	ErrTooLarge      = errors.New("registry: file larger than 1 MiB")
	ErrNotRegular    = errors.New("registry: not a regular file")
	ErrWorldWritable = errors.New("registry: world-writable file refused: anyone on this machine could change log levels (chmod o-w)")
	// ErrUTF16 reports a file saved as UTF-16, as Windows Notepad's
	// "Unicode" encoding does; the components file is UTF-8.
	ErrUTF16 = errors.New("registry: UTF-16 text refused: save the file as UTF-8")
)

// read reads the registry's file, recording what it saw for the watcher.
// Callers hold opMu.
func (r *Registry) read() (data []byte, missing bool, err error) {
	if r.reader == nil {
		rd := filestate.NewReader()
		r.reader = rd
		// The record of a registry that is gone must not stand for a live
		// one reading the same path.
		runtime.AddCleanup(r, func(rd *filestate.Reader) { rd.Close() }, rd)
	}
	key := r.reader.Begin(r.file)
	s := filestate.Read(r.file)
	r.reader.End(key, s.Fingerprint(), true)
	return judge(&s, r.trusted)
}

// ReadFile reads and parses the components file at path exactly as Reload
// would, with the same limits and the same trust checks, and applies
// nothing: it is for checking a file before putting it in place. Of opts it
// uses only [WithTrustedOwners]; the others say what a Registry does with
// the rules, and change nothing here. A missing file, which Reload takes as
// no rules, is an error here that wraps fs.ErrNotExist.
func ReadFile(path string, opts ...Option) ([]Rule, error) {
	c := configure("ReadFile", opts)
	if c.now == nil {
		c.now = time.Now
	}
	s := filestate.Read(path)
	data, missing, err := judge(&s, c.trusted)
	if missing {
		return nil, fmt.Errorf("%s: %w", showPath(path), fs.ErrNotExist)
	}
	if err != nil {
		return nil, err
	}
	return parse(path, data, c.now)
}

// judge turns a read into the file's content, or the reason it is refused.
// A missing file is reported by missing, not as an error: it means no
// rules.
func judge(s *filestate.Snapshot, trusted []int) (data []byte, missing bool, err error) {
	path := showPath(s.Path)
	switch s.Kind {
	case filestate.Missing:
		return nil, true, nil
	case filestate.Unreadable:
		return nil, false, fmt.Errorf("%s: cannot read: %w", path, unwrapPath(s.Path, s.Err))
	case filestate.Irregular:
		return nil, false, fmt.Errorf("%s: %w: it is a %s", path, ErrNotRegular, kind(s.Info.Mode()))
	}
	if err := checkTrust(s, trusted); err != nil {
		return nil, false, err
	}
	if s.Kind == filestate.TooLarge {
		if size := s.Info.Size(); size > MaxFileSize {
			return nil, false, fmt.Errorf("%s: %w: %d bytes", path, ErrTooLarge, size)
		}
		return nil, false, fmt.Errorf("%s: %w", path, ErrTooLarge) // it grew while read
	}
	if enc := utf16Of(s.Data); enc != "" {
		return nil, false, fmt.Errorf("%s: %w: it is %s, as Notepad's \"Unicode\" saves it", path, ErrUTF16, enc)
	}
	return s.Data, false, nil
}

// utf16Of names the UTF-16 encoding data is in, or returns "". A byte order
// mark says it; without one, the zero byte beside an ASCII character that
// starts every UTF-16 file of rules and comments does.
func utf16Of(data []byte) string {
	if len(data) < 2 {
		return ""
	}
	switch {
	case data[0] == 0xFF && data[1] == 0xFE, data[0] != 0 && data[0] < 0x80 && data[1] == 0:
		return "UTF-16 (little-endian)"
	case data[0] == 0xFE && data[1] == 0xFF, data[0] == 0 && data[1] != 0 && data[1] < 0x80:
		return "UTF-16 (big-endian)"
	}
	return ""
}

// missingDir returns the directory of path when it does not exist, and ""
// otherwise. A components file whose directory is missing is more likely a
// typo in the path than a file deliberately absent.
func missingDir(path string) string {
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return dir
	}
	return ""
}

// unwrapPath drops the *fs.PathError layer of an error about path, whose
// message repeats the path and the operation that our own message already
// gives. An error about another path, such as a directory on the way to
// path, keeps the operation and that path, made fit to print.
func unwrapPath(path string, err error) error {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return err
	}
	if pe.Path == path {
		return pe.Err
	}
	return fmt.Errorf("%s %s: %w", pe.Op, showPath(pe.Path), pe.Err)
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "directory"
	case m&fs.ModeNamedPipe != 0:
		return "named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	default:
		return "special file (" + m.Type().String() + ")"
	}
}
