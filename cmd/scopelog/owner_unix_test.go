//go:build unix

package main

import (
	"os"
	"syscall"
	"testing"
)

// TestSetKeepsOwner rewrites, as root, a file that belongs to the service's
// user: the new file must belong to it too, or the process, which trusts
// its own user and root, might keep it but a check of ownership would not
// match what was there.
func TestSetKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file to another user")
	}
	const uid, gid = 4242, 4343
	f := write(t, "components", "# owned by the service\ndb=info\n", 0o640)
	if err := os.Chown(f, uid, gid); err != nil {
		t.Fatal(err)
	}
	// The process runs as uid 4242, which the command must be told.
	unchanged(t, f, "file owned by an untrusted user refused: it is owned by uid 4242", "set", "-file", f, "-for", "0", "db")
	runCmd("set", "-file", f, "-for", "0", "-trusted-owners", "4242", "db").want(t, exitOK)
	fi, err := os.Stat(f)
	if err != nil {
		t.Fatal(err)
	}
	st := fi.Sys().(*syscall.Stat_t)
	if st.Uid != uid || st.Gid != gid || fi.Mode().Perm() != 0o640 {
		t.Errorf("owner %d:%d, mode %v; want %d:%d, 0640", st.Uid, st.Gid, fi.Mode().Perm(), uid, gid)
	}
	if got := read(t, f); got != "# owned by the service\ndb=debug\n" {
		t.Errorf("file %q", got)
	}
}
