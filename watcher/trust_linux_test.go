package watcher_test

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"
	"golang.org/x/sys/unix"

	"github.com/scopelog/scopelog/registry"
	"github.com/scopelog/scopelog/watcher"
)

// What the trust checks judge on every ancestor and in ACLs reloads when it
// changes: the file's ACL and its directory's come as events, and a
// directory further up is seen by the periodic revalidation, as no event
// reaches the watched directory.
func TestTrustChangesReload(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root: only root can give a directory to another user with os.Chown")
	}
	base := t.TempDir()
	up := filepath.Join(base, "up")
	dir := filepath.Join(up, "conf")
	mustNil(t, os.MkdirAll(dir, 0o755))
	file := filepath.Join(dir, "components")
	mustWrite(t, file, "db\n")
	reg := registry.New(registry.WithCore(zapcore.NewNopCore()), registry.WithFile(file))
	w, err := watcher.Watch(file, reg.Reload, watcher.WithDebounce(20*time.Millisecond),
		watcher.WithPollInterval(50*time.Millisecond), watcher.WithLogger(nil))
	mustNil(t, err)
	t.Cleanup(func() { _ = w.Close() })
	mustNil(t, reg.Reload())
	db := reg.Component("db")

	// Each step refuses the file, keeping db at debug, and its undoing,
	// one system call like the step, accepts it again.
	setACL := func(path string, entries ...[3]uint32) {
		b := binary.LittleEndian.AppendUint32(nil, 2)
		for _, e := range entries {
			b = binary.LittleEndian.AppendUint16(b, uint16(e[0]))
			b = binary.LittleEndian.AppendUint16(b, uint16(e[1]))
			b = binary.LittleEndian.AppendUint32(b, e[2])
		}
		err := unix.Setxattr(path, "system.posix_acl_access", b, 0)
		if errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.EOPNOTSUPP) {
			t.Skipf("the file system of %s has no POSIX ACLs: %v", path, err)
		}
		mustNil(t, err)
	}
	// user::, user:nobody:, group::, mask::, other::; the ACL of the mode
	// alone is user::, group::, other::.
	const userObj, user, groupObj, mask, other = 0x01, 0x02, 0x04, 0x10, 0x20
	for _, step := range []struct {
		name       string
		do, undo   func()
		refusedFor error
	}{
		{"an ancestor given to nobody",
			func() { mustNil(t, os.Chown(up, 65534, -1)) },
			func() { mustNil(t, os.Chown(up, 0, -1)) }, registry.ErrUnsafeDir},
		{"an ACL on the directory",
			func() {
				setACL(dir, [3]uint32{userObj, 7, 0}, [3]uint32{user, 7, 65534}, [3]uint32{groupObj, 5, 0}, [3]uint32{mask, 7, 0}, [3]uint32{other, 5, 0})
			},
			func() { setACL(dir, [3]uint32{userObj, 7, 0}, [3]uint32{groupObj, 5, 0}, [3]uint32{other, 5, 0}) }, registry.ErrUnsafeDir},
		{"an ACL on the file",
			func() {
				setACL(file, [3]uint32{userObj, 6, 0}, [3]uint32{user, 6, 65534}, [3]uint32{groupObj, 4, 0}, [3]uint32{mask, 6, 0}, [3]uint32{other, 4, 0})
			},
			func() { setACL(file, [3]uint32{userObj, 6, 0}, [3]uint32{groupObj, 4, 0}, [3]uint32{other, 4, 0}) }, registry.ErrACLWritable},
	} {
		gen := reg.LastReload().Generation
		step.do()
		st := waitGeneration(t, reg, gen)
		if !errors.Is(st.Err, step.refusedFor) || db.Level() != zapcore.DebugLevel {
			t.Fatalf("%s: %v with db at %v; want %v and db at debug", step.name, st.Err, db.Level(), step.refusedFor)
		}
		step.undo()
		if st := waitGeneration(t, reg, st.Generation); st.Err != nil {
			t.Fatalf("%s undone: %v", step.name, st.Err)
		}
	}
}
