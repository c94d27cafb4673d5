package filestate

import (
	"path/filepath"
	"sync"
)

// A Reader records, per path, the fingerprint of what its owner last read
// there. A registry holds one; every read it makes goes between Begin and
// End. The zero Reader is not usable: use NewReader.
type Reader struct {
	_ byte // distinct Readers have distinct addresses
}

// entry is one Reader's record of one path.
type entry struct {
	busy int // reads begun and not ended
	read bool
	fp   Fingerprint
}

var (
	mu sync.Mutex
	// records maps a path, made absolute, to the record of each Reader of
	// it.
	records = make(map[string]map[*Reader]*entry)
)

// NewReader returns a Reader with no records.
func NewReader() *Reader { return new(Reader) }

// key makes path absolute, as the watcher does, so that a registry given a
// relative path and a watcher given the absolute one share the record. A
// path that cannot be made absolute is kept as it is.
func key(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return filepath.Clean(path)
}

// Begin marks a read of path as under way and returns the key to give End.
// Until End, Current reports that path is not current: what is being read is
// not known yet.
func (r *Reader) Begin(path string) string {
	k := key(path)
	mu.Lock()
	defer mu.Unlock()
	m := records[k]
	if m == nil {
		m = make(map[*Reader]*entry)
		records[k] = m
	}
	e := m[r]
	if e == nil {
		e = new(entry)
		m[r] = e
	}
	e.busy++
	return k
}

// End records that the read begun with Begin saw fp. With ok false, the read
// was abandoned and the previous record stands.
func (r *Reader) End(key string, fp Fingerprint, ok bool) {
	mu.Lock()
	defer mu.Unlock()
	e := records[key][r]
	if e == nil {
		return // Close ran meanwhile
	}
	e.busy--
	if ok {
		e.read, e.fp = true, fp
	}
}

// Close forgets every record of r. A registry that is garbage collected
// closes its Reader, so that a dead registry's records cannot stand for a
// live one's.
func (r *Reader) Close() {
	mu.Lock()
	defer mu.Unlock()
	for k, m := range records {
		delete(m, r)
		if len(m) == 0 {
			delete(records, k)
		}
	}
}

// Current reports whether some Reader has read path (known) and, if so,
// whether every Reader that has read it last read exactly fp, with no read
// under way (current). A watcher that finds the file current has nothing to
// reload; one that finds it unknown has only its own memory to go by.
func Current(path string, fp Fingerprint) (known, current bool) {
	mu.Lock()
	defer mu.Unlock()
	current = true
	for _, e := range records[key(path)] {
		if e.busy > 0 {
			known, current = true, false
			continue
		}
		if !e.read {
			continue
		}
		known = true
		if e.fp != fp {
			current = false
		}
	}
	return known, known && current
}
