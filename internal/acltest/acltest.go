// Package acltest is test-only: it gives files POSIX access ACLs for the
// tests of the trust checks, writing the system.posix_acl_access attribute
// as setfacl would (on Linux), since a test machine need not have setfacl.
// Set imports testing, so only _test.go files may import it.
package acltest

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The tags of entries, as Linux stores them.
const (
	userObj  = 0x01
	user     = 0x02
	groupObj = 0x04
	group    = 0x08
	mask     = 0x10
	other    = 0x20
)

type entry struct {
	tag, perm uint16
	id        uint32
}

// Encode returns the value of the attribute for an ACL written as setfacl
// takes it, such as "u::rw,u:65534:rw,g::r,m::rw,o::r", in the kernel's
// order of entries (by tag, then id). It panics on anything else: the ACLs
// are written in the tests' code.
func Encode(acl string) []byte {
	var entries []entry
	for text := range strings.SplitSeq(acl, ",") {
		parts := strings.Split(text, ":")
		if len(parts) != 3 {
			panic(fmt.Sprintf("acltest: entry %q: want tag:id:perms", text))
		}
		var e entry
		switch tag, named := parts[0], parts[1] != ""; {
		case tag == "u" && named:
			e.tag = user
		case tag == "u":
			e.tag = userObj
		case tag == "g" && named:
			e.tag = group
		case tag == "g":
			e.tag = groupObj
		case tag == "m" && !named:
			e.tag = mask
		case tag == "o" && !named:
			e.tag = other
		default:
			panic(fmt.Sprintf("acltest: entry %q: unknown tag", text))
		}
		if parts[1] != "" {
			id, err := strconv.ParseUint(parts[1], 10, 32)
			if err != nil {
				panic(fmt.Sprintf("acltest: entry %q: %v", text, err))
			}
			e.id = uint32(id)
		}
		for _, c := range parts[2] {
			switch c {
			case 'r':
				e.perm |= 4
			case 'w':
				e.perm |= 2
			case 'x':
				e.perm |= 1
			case '-':
			default:
				panic(fmt.Sprintf("acltest: entry %q: unknown permission %q", text, c))
			}
		}
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(a, b entry) int { return cmp.Or(cmp.Compare(a.tag, b.tag), cmp.Compare(a.id, b.id)) })
	b := binary.LittleEndian.AppendUint32(nil, 2) // the version
	for _, e := range entries {
		b = binary.LittleEndian.AppendUint16(b, e.tag)
		b = binary.LittleEndian.AppendUint16(b, e.perm)
		b = binary.LittleEndian.AppendUint32(b, e.id)
	}
	return b
}
