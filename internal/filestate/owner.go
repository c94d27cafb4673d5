package filestate

import "io/fs"

// OwnerOf returns the ownership of the file info describes, as Read gives
// it; Known is false where the system has no Unix ownership.
func OwnerOf(info fs.FileInfo) Owner { return ownerOf(info) }
