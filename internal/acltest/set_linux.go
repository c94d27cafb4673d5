package acltest

import (
	"errors"
	"testing"

	"golang.org/x/sys/unix"
)

// Set gives path the access ACL acl, written as setfacl takes it (see
// Encode), skipping the test where the file system has no ACLs. An ACL of
// the mode bits alone ("u::rw,g::r,o::r") makes the kernel drop the ACL and
// set the mode instead.
func Set(t testing.TB, path, acl string) {
	t.Helper()
	err := unix.Setxattr(path, "system.posix_acl_access", Encode(acl), 0)
	if errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.EOPNOTSUPP) {
		t.Skipf("the file system of %s has no POSIX ACLs: %v", path, err)
	}
	if err != nil {
		t.Fatalf("setting the ACL %s on %s: %v", acl, path, err)
	}
}
