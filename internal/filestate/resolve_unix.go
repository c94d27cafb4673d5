//go:build unix

package filestate

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// maxLinks is how many symlinks one resolution follows before it gives up,
// as Linux's open does.
const maxLinks = 40

// resolve follows path one name at a time, as the kernel does when it opens
// it, and notes every directory it looks a name up in and every symlink it
// follows: whoever may write one of those directories, or replace one of
// those links, decides what the path leads to. A relative path starts at
// the working directory, whose ancestors count too.
func resolve(path string) (chain, error) {
	if path == "" {
		return chain{}, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
	}
	rest := path
	if !filepath.IsAbs(rest) {
		wd, err := os.Getwd()
		if err != nil {
			return chain{}, err
		}
		rest = wd + "/" + rest
	}
	var c chain
	cur, curInfo := "/", fs.FileInfo(nil) // cur has no symlink in it
	links := 0
	for {
		rest = strings.TrimLeft(rest, "/")
		if rest == "" {
			break
		}
		var name string
		name, rest, _ = strings.Cut(rest, "/")
		switch name {
		case ".":
			continue
		case "..":
			cur, curInfo = filepath.Dir(cur), nil
			continue
		}
		d, err := c.dir(cur, curInfo)
		if err != nil {
			return chain{}, err
		}
		next := filepath.Join(cur, name)
		info, err := os.Lstat(next)
		if err != nil {
			return chain{}, err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			cur, curInfo = next, info
			continue
		}
		if links++; links > maxLinks {
			return chain{}, &fs.PathError{Op: "open", Path: path, Err: syscall.ELOOP}
		}
		target, err := os.Readlink(next)
		if err != nil {
			return chain{}, err
		}
		c.links = append(c.links, Link{Path: next, Owner: ownerOf(info), Dir: d})
		if filepath.IsAbs(target) {
			cur, curInfo = "/", nil
		}
		rest = target + "/" + rest
	}
	c.resolved, c.last = cur, curInfo
	return c, nil
}

// dir notes the directory path, whose stat is info if not nil, and returns
// its index in c.dirs.
func (c *chain) dir(path string, info fs.FileInfo) (int, error) {
	for i := range c.dirs {
		if c.dirs[i].Path == path {
			return i, nil
		}
	}
	if info == nil {
		var err error
		if info, err = os.Stat(path); err != nil {
			return 0, err
		}
	}
	if !info.IsDir() {
		return 0, &fs.PathError{Op: "open", Path: path, Err: syscall.ENOTDIR}
	}
	acl, err := aclOf(path)
	if err != nil {
		return 0, err
	}
	c.dirs = append(c.dirs, Dir{Path: path, Mode: info.Mode(), Owner: ownerOf(info), ACL: acl})
	return len(c.dirs) - 1, nil
}
