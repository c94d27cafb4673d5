package registry

import (
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/scopelog/scopelog/internal/openfile"
)

// MaxFileSize is the largest components file Reload accepts.
const MaxFileSize = 1 << 20

// Errors about the components file itself, as opposed to its content. The
// errors Reload returns wrap them, prefixed with the file's path.
var (
	ErrNoFile        = errors.New("registry: no components file: use WithFile")
	ErrTooLarge      = errors.New("file larger than 1 MiB")
	ErrNotRegular    = errors.New("not a regular file")
	ErrWorldWritable = errors.New("world-writable file refused: anyone on this machine could change log levels (chmod o-w)")
)

// readFile reads a components file. A missing file is reported by missing,
// not as an error: it means no rules.
func readFile(path string) (data []byte, missing bool, err error) {
	f, err := openfile.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, true, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("%s: cannot open: %w", path, unwrapPath(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, false, fmt.Errorf("%s: cannot stat: %w", path, unwrapPath(err))
	}
	if !fi.Mode().IsRegular() {
		return nil, false, fmt.Errorf("%s: %w: it is a %s", path, ErrNotRegular, kind(fi.Mode()))
	}
	if openfile.WorldWritable(fi.Mode()) {
		return nil, false, fmt.Errorf("%s: %w (mode %v)", path, ErrWorldWritable, fi.Mode().Perm())
	}
	if fi.Size() > MaxFileSize {
		return nil, false, fmt.Errorf("%s: %w: %d bytes", path, ErrTooLarge, fi.Size())
	}
	// The limit catches a file that grows after Stat.
	data, err = io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, false, fmt.Errorf("%s: cannot read: %w", path, unwrapPath(err))
	}
	if len(data) > MaxFileSize {
		return nil, false, fmt.Errorf("%s: %w", path, ErrTooLarge)
	}
	return data, false, nil
}

// unwrapPath drops the *fs.PathError layer, whose message repeats the path
// and the operation that our own message already gives.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
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
