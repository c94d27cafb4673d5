package filestate

import (
	"crypto/sha256"
	"encoding/binary"
	"io/fs"
)

// Fingerprint identifies what a reload would see and judge. Two equal
// fingerprints mean reloading again would change nothing.
type Fingerprint struct {
	kind  Kind
	sum   [sha256.Size]byte // of Data, when Regular
	size  int64             // when TooLarge, as Stat reported it
	trust Trust
}

// Fingerprint returns the fingerprint of s.
func (s *Snapshot) Fingerprint() Fingerprint {
	fp := Fingerprint{kind: s.Kind, trust: s.Trust()}
	switch s.Kind {
	case Regular:
		fp.sum = sha256.Sum256(s.Data)
	case TooLarge:
		fp.size = s.Info.Size()
	}
	return fp
}

// Kind returns the kind of the snapshot fp was taken of.
func (fp Fingerprint) Kind() Kind { return fp.kind }

// Trust condenses what the trust checks judge of a regular file: the owner,
// the group and world write bits, the sticky bit and the ACL of the file and
// of every directory its path passes through, and the owner of every
// symlink it follows. So fixing any of them reloads, while another chmod,
// or a change of the chain that leaves all of it as it was, does not. It is
// the zero Trust for anything but a regular file.
type Trust [sha256.Size]byte

// Trust returns the Trust of s.
func (s *Snapshot) Trust() Trust {
	if s.Kind != Regular && s.Kind != TooLarge {
		return Trust{}
	}
	return trustOf(s.Info.Mode(), s.Owner, s.ACL, s.Dirs, s.Links)
}

// Look resolves path as Read does and returns where it leads (or ""), the
// stat of what it leads to (or nil), and the Trust that Read would find
// there, without opening the file: a few system calls per directory, for a
// watcher's periodic look.
func Look(path string) (resolved string, info fs.FileInfo, trust Trust) {
	c, err := resolve(path)
	if err != nil || c.last == nil {
		return "", nil, Trust{}
	}
	if !c.last.Mode().IsRegular() {
		return c.resolved, c.last, Trust{}
	}
	acl, err := aclOf(c.resolved)
	if err != nil {
		return c.resolved, c.last, Trust{}
	}
	return c.resolved, c.last, trustOf(c.last.Mode(), ownerOf(c.last), acl, c.dirs, c.links)
}

func trustOf(mode fs.FileMode, owner Owner, acl ACL, dirs []Dir, links []Link) Trust {
	var b []byte
	node := func(m fs.FileMode, o Owner, a ACL) {
		b = binary.LittleEndian.AppendUint32(b, uint32(m&(0o022|fs.ModeSticky)))
		b = appendOwner(b, o)
		b = append(b, flag(a.Extended), flag(a.GroupWrite))
		b = appendIDs(b, a.Users)
		b = appendIDs(b, a.Groups)
	}
	node(mode, owner, acl)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(dirs)))
	for _, d := range dirs {
		node(d.Mode, d.Owner, d.ACL)
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(links)))
	for _, l := range links {
		b = appendOwner(b, l.Owner)
		b = binary.LittleEndian.AppendUint32(b, uint32(l.Dir))
	}
	return sha256.Sum256(b)
}

func appendOwner(b []byte, o Owner) []byte {
	b = binary.LittleEndian.AppendUint32(b, o.UID)
	b = binary.LittleEndian.AppendUint32(b, o.GID)
	return append(b, flag(o.Known))
}

func appendIDs(b []byte, ids []uint32) []byte {
	b = binary.LittleEndian.AppendUint32(b, uint32(len(ids)))
	for _, id := range ids {
		b = binary.LittleEndian.AppendUint32(b, id)
	}
	return b
}

func flag(v bool) byte {
	if v {
		return 1
	}
	return 0
}
