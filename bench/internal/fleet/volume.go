package fleet

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// The names the kubelet gives the links of a ConfigMap volume.
const (
	dataLink = "..data"
	tmpLink  = "..data_tmp"
)

// Volume is a directory laid out as the kubelet lays out a ConfigMap volume
// with one key:
//
//	..2026_11_26_08_50_00.123456789/  the content, in a timestamped directory
//	..data -> ..2026_11_26_08_50_00.123456789
//	components -> ..data/components
//
// A Volume is not safe for concurrent use.
type Volume struct {
	dir, key string
	current  string // the timestamped directory ..data points to
}

// Swap is when an update's rename of "..data_tmp" over "..data" ran: it
// happened between Before and After.
type Swap struct {
	Before, After time.Time
}

// NewVolume creates the volume in dir, which must exist, with the file key
// holding content.
func NewVolume(dir, key string, content []byte) (*Volume, error) {
	if key == "" || key != filepath.Base(key) || key[0] == '.' {
		return nil, fmt.Errorf("fleet: key %q is not a plain file name", key)
	}
	v := &Volume{dir: dir, key: key}
	if _, err := v.Update(content); err != nil {
		return nil, err
	}
	// The kubelet makes the user-visible link after the first swap, and
	// leaves it alone after that.
	if err := os.Symlink(filepath.Join(dataLink, key), v.Path()); err != nil {
		return nil, fmt.Errorf("fleet: %w", err)
	}
	return v, nil
}

// Path is the path the processes read: the user-visible link.
func (v *Volume) Path() string { return filepath.Join(v.dir, v.key) }

// Update replaces the content as the kubelet does: it writes a new
// timestamped directory, points a new "..data_tmp" link at it, renames that
// over "..data", and removes the old directory.
func (v *Volume) Update(content []byte) (Swap, error) {
	ts, err := os.MkdirTemp(v.dir, time.Now().UTC().Format("..2006_01_02_15_04_05."))
	if err != nil {
		return Swap{}, fmt.Errorf("fleet: %w", err)
	}
	err = errors.Join(
		os.Chmod(ts, 0o755),
		os.WriteFile(filepath.Join(ts, v.key), content, 0o444),
		os.Symlink(filepath.Base(ts), filepath.Join(v.dir, tmpLink)),
	)
	if err != nil {
		return Swap{}, fmt.Errorf("fleet: %w", errors.Join(err, os.RemoveAll(ts)))
	}
	var s Swap
	s.Before = time.Now()
	err = os.Rename(filepath.Join(v.dir, tmpLink), filepath.Join(v.dir, dataLink))
	s.After = time.Now()
	if err != nil {
		return Swap{}, fmt.Errorf("fleet: %w", err)
	}
	old := v.current
	v.current = ts
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return s, fmt.Errorf("fleet: %w", err)
		}
	}
	return s, nil
}
