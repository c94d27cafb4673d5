package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/scopelog/scopelog/internal/termsafe"
	"github.com/scopelog/scopelog/registry"
)

func (e *env) setFile(t target, r registry.Rule) error {
	out, err := editFile(t, func(src []byte) ([]byte, error) {
		return registry.SetRule(t.file, src, r)
	}, e.stderr)
	if err != nil {
		return err
	}
	line := 0
	rules, _ := registry.Parse(t.file, out)
	for _, got := range rules {
		if got.Pattern == r.Pattern {
			line = got.Line
		}
	}
	fmt.Fprintf(e.stdout, "%s:%d: %s\n", termsafe.Escape(t.file), line, r)
	return e.signal(t)
}

func (e *env) unsetFile(t target, pattern string) error {
	if _, err := editFile(t, func(src []byte) ([]byte, error) {
		return registry.RemoveRule(t.file, src, pattern)
	}, e.stderr); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: removed the rule of %s\n", termsafe.Escape(t.file), pattern)
	return e.signal(t)
}

// editFile rewrites the components file t.file with edit's result, and
// returns it. It holds the lock of the file's directory from the read to
// the rename, so that two runs of the command at once take turns instead of
// losing a change. The file is first read as the registry would read it,
// with the owners t trusts, so that a file the process would refuse, for
// its content, size, type, owner or mode, or for its directory, is reported
// with the registry's message and left alone; then the new file, written
// beside it with its mode and owner, is read so before it takes its place.
// A missing file is created, with mode 0644.
func editFile(t target, edit func([]byte) ([]byte, error), waiting io.Writer) ([]byte, error) {
	path := t.file
	// Edit the file a symlink points to, as editors do, rather than replace
	// the link.
	real, err := filepath.EvalSymlinks(path)
	missing := errors.Is(err, fs.ErrNotExist)
	switch {
	case missing:
		real = path
	case err != nil:
		return nil, err
	}
	unlock, err := lockDir(filepath.Dir(real), waiting)
	if err != nil {
		return nil, err
	}
	defer unlock()

	trust := registry.WithTrustedOwners(t.trusted...)
	var src []byte
	perm := fs.FileMode(0o644)
	if _, err := os.Lstat(real); err == nil {
		if _, err := registry.ReadFile(path, trust); err != nil {
			return nil, trustHint(err)
		}
		fi, err := os.Stat(real)
		if err != nil {
			return nil, err
		}
		perm = fi.Mode().Perm()
		if src, err = readAtMost(real, registry.MaxFileSize+1); err != nil {
			return nil, err
		}
	}
	out, err := edit(src)
	if err != nil {
		return nil, err
	}
	// The new file is judged where it will stand, in the same directory:
	// a file created in a directory the process distrusts is refused too.
	check := func(tmp string) error {
		if _, err := registry.ReadFile(tmp, trust); err != nil {
			return trustHint(&renamed{err, strings.ReplaceAll(err.Error(), tmp, real)})
		}
		return nil
	}
	if err := writeAtomic(real, out, perm, check); err != nil {
		return nil, err
	}
	return out, nil
}

// readAtMost reads at most n bytes of the file at path: one that grew past
// the registry's limit since it was checked is refused by the edit.
func readAtMost(path string, n int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, n))
}

// renamed is an error about the temporary file, told of the file it
// stands for.
type renamed struct {
	err error
	msg string
}

func (r *renamed) Error() string { return r.msg }
func (r *renamed) Unwrap() error { return r.err }

// trustHint adds to the registry's refusal of an owner what the command can
// do about it.
func trustHint(err error) error {
	if errors.Is(err, registry.ErrUntrustedOwner) || errors.Is(err, registry.ErrUnsafeDir) {
		return fmt.Errorf("%w (if the process runs as that user, give its uid to -trusted-owners)", err)
	}
	return err
}

// writeAtomic replaces the file at path with data, so that a reader sees the
// old content or the new, never a mix, and a failure at any step leaves the
// old file as it was: it writes a temporary file in the same directory,
// gives it path's mode and owner, syncs it, has check judge it, renames it
// over path and syncs the directory.
func writeAtomic(path string, data []byte, perm fs.FileMode, check func(tmp string) error) (err error) {
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
	if err := check(tmp.Name()); err != nil {
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

// signal sends the reload signal to the process of t, if any.
func (e *env) signal(t target) error {
	if t.pid == 0 {
		fmt.Fprintln(e.stdout, "no -pid or -pidfile: the process applies the change at its next reload")
		return nil
	}
	if err := sendSignal(t.pid, t.signal); err != nil {
		return fmt.Errorf("the file was changed, but %w", err)
	}
	fmt.Fprintf(e.stdout, "sent %s to process %d\n", signalName(t.signal), t.pid)
	return nil
}
