package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/scopelog/scopelog/registry"
)

func (e *env) setFile(w where, r registry.Rule) error {
	out, err := editFile(w.file, func(src []byte) ([]byte, error) {
		return registry.SetRule(w.file, src, r)
	})
	if err != nil {
		return err
	}
	line := 0
	rules, _ := registry.Parse(w.file, out)
	for _, got := range rules {
		if got.Pattern == r.Pattern {
			line = got.Line
		}
	}
	fmt.Fprintf(e.stdout, "%s:%d: %s\n", w.file, line, r)
	return e.signal(w)
}

func (e *env) unsetFile(w where, pattern string) error {
	if _, err := editFile(w.file, func(src []byte) ([]byte, error) {
		return registry.RemoveRule(w.file, src, pattern)
	}); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: removed the rule of %s\n", w.file, pattern)
	return e.signal(w)
}

// editFile rewrites the components file at path with edit's result, and
// returns it. It first reads the file as the registry would, so that a file
// the registry refuses, for its content, size, type, owner or mode, is
// reported with the registry's message and left alone. The command cannot
// know which user the process runs as, so it trusts the owners the file and
// its directory have, which the rewrite keeps; every other check applies. A
// missing file is created, with mode 0644.
func editFile(path string, edit func([]byte) ([]byte, error)) ([]byte, error) {
	// Edit the file a symlink points to, as editors do, rather than replace
	// the link.
	target, err := filepath.EvalSymlinks(path)
	missing := errors.Is(err, fs.ErrNotExist)
	switch {
	case missing:
		target = path
	case err != nil:
		return nil, err
	}
	var src []byte
	perm := fs.FileMode(0o644)
	if !missing {
		if _, err := registry.ReadFile(path, registry.WithTrustedOwners(owners(target)...)); err != nil {
			return nil, err
		}
		fi, err := os.Stat(target)
		if err != nil {
			return nil, err
		}
		perm = fi.Mode().Perm()
		if src, err = os.ReadFile(target); err != nil {
			return nil, err
		}
	}
	out, err := edit(src)
	if err != nil {
		return nil, err
	}
	if err := writeAtomic(target, out, perm); err != nil {
		return nil, err
	}
	return out, nil
}

// writeAtomic replaces the file at path with data, so that a reader sees the
// old content or the new, never a mix, and a failure at any step leaves the
// old file as it was: it writes a temporary file in the same directory,
// gives it path's mode and owner, syncs it, renames it over path and syncs
// the directory.
func writeAtomic(path string, data []byte, perm fs.FileMode) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".scopelog-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := writeTemp(tmp, data); err != nil {
		return fmt.Errorf("write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return err
	}
	if err := keepOwner(tmp, path); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// The rename is durable once the directory is: a crash after this
	// returns cannot bring the old file back.
	return syncDir(dir)
}

// writeTemp writes the new content; tests replace it to inject a failure.
var writeTemp = func(f *os.File, data []byte) error {
	_, err := f.Write(data)
	return err
}

// signal sends the reload signal to the process -pid or -pidfile names, if
// any.
func (e *env) signal(w where) error {
	pid := w.pid
	if w.pidfile != "" {
		b, err := os.ReadFile(w.pidfile)
		if err != nil {
			return fmt.Errorf("the file was changed, but no signal was sent: %w", err)
		}
		if pid, err = strconv.Atoi(strings.TrimSpace(string(b))); err != nil || pid <= 0 {
			return fmt.Errorf("the file was changed, but no signal was sent: %s: expected a process id, found %q", w.pidfile, strings.TrimSpace(string(b)))
		}
	}
	if pid == 0 {
		fmt.Fprintln(e.stdout, "no -pid or -pidfile: the process applies the change at its next reload")
		return nil
	}
	sig, _ := signalByName(w.signal)
	if err := sendSignal(pid, sig); err != nil {
		return fmt.Errorf("the file was changed, but %w", err)
	}
	fmt.Fprintf(e.stdout, "sent %s to process %d\n", signalName(sig), pid)
	return nil
}
