package filestate

// ACL is what a POSIX access ACL lets others write, as the trust checks
// judge it: each grant already limited by the ACL's mask, which caps every
// entry but the owner's and the others'. The zero ACL is a file without one,
// whose mode bits say everything.
type ACL struct {
	Extended   bool     // the file has an ACL beyond its mode bits (ls shows "+")
	GroupWrite bool     // the owning group may write; when Extended, this replaces the mode's group write bit, which then shows the mask
	Users      []uint32 // named users who may write, by uid
	Groups     []uint32 // named groups who may write, by gid
}
