package watcher_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/internal/acltest"
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
	// one system call like the step, accepts it again: an ACL of the mode
	// bits alone replaces the ACL.
	for _, step := range []struct {
		name       string
		do, undo   func()
		refusedFor error
	}{
		{"an ancestor given to nobody",
			func() { mustNil(t, os.Chown(up, 65534, -1)) },
			func() { mustNil(t, os.Chown(up, 0, -1)) }, registry.ErrUnsafeDir},
		{"an ACL on the directory",
			func() { acltest.Set(t, dir, "u::rwx,u:65534:rwx,g::r-x,m::rwx,o::r-x") },
			func() { acltest.Set(t, dir, "u::rwx,g::r-x,o::r-x") }, registry.ErrUnsafeDir},
		{"an ACL on the file",
			func() { acltest.Set(t, file, "u::rw,u:65534:rw,g::r,m::rw,o::r") },
			func() { acltest.Set(t, file, "u::rw,g::r,o::r") }, registry.ErrACLWritable},
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
