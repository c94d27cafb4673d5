//go:build unix

package filestate

import (
	"io/fs"
	"syscall"
)

func ownerOf(info fs.FileInfo) Owner {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return Owner{}
	}
	return Owner{UID: st.Uid, GID: st.Gid, Known: true}
}
