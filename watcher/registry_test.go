package watcher_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/scopelog/scopelog/internal/wait"
	"github.com/scopelog/scopelog/registry"
	"github.com/scopelog/scopelog/watcher"
)

// watchRegistry starts a registry on file and a watcher that reloads it, as
// a program does: Watch first, then the initial Reload.
func watchRegistry(t *testing.T, file string) (*registry.Registry, *observer.ObservedLogs) {
	t.Helper()
	core, logs := observer.New(zapcore.DebugLevel)
	reg := registry.New(registry.WithCore(core), registry.WithFile(file))
	w, err := watcher.Watch(file, reg.Reload, watcher.WithDebounce(20*time.Millisecond),
		watcher.WithLogger(reg.Component(registry.SelfName).Zap()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = w.Close() })
	if err := reg.Reload(); err != nil {
		t.Fatal(err)
	}
	return reg, logs
}

// waitGeneration waits for a reload after generation gen and returns its
// status.
func waitGeneration(t *testing.T, reg *registry.Registry, gen uint64) registry.ReloadStatus {
	t.Helper()
	wait.For(t, "a reload", func() bool { return reg.LastReload().Generation > gen })
	return reg.LastReload()
}

// Valid, then invalid, then valid again: the levels hold while the file is
// invalid, recover by saving alone, and LastReload tells the story.
func TestRegistryValidInvalidValid(t *testing.T) {
	file := filepath.Join(t.TempDir(), "components")
	writeAtomic(t, file, "db\n")
	reg, logs := watchRegistry(t, file)
	db, saas := reg.Component("db"), reg.Component("saas")
	if db.Level() != zapcore.DebugLevel {
		t.Fatalf("db at %v after the initial load", db.Level())
	}
	gen := reg.LastReload().Generation

	writeAtomic(t, file, "db\nsaas=loud\n")
	st := waitGeneration(t, reg, gen)
	if st.Err == nil || !strings.HasPrefix(st.Err.Error(), file+":2:6: unknown level") {
		t.Fatalf("LastReload after invalid save = %+v", st)
	}
	if db.Level() != zapcore.DebugLevel || saas.Level() != zapcore.InfoLevel {
		t.Fatalf("levels changed by an invalid file: db %v saas %v", db.Level(), saas.Level())
	}
	// Reload publishes its status before it logs the failure: wait for the
	// entry itself, not for the generation.
	failed := func() int {
		return logs.FilterLoggerName(registry.SelfName).FilterMessage("components reload failed; levels unchanged").Len()
	}
	wait.For(t, "the failed reload to be logged", func() bool { return failed() >= 1 })
	if n := failed(); n != 1 {
		t.Fatalf("the failed reload was logged %d times, want once", n)
	}

	writeAtomic(t, file, "saas\n")
	st = waitGeneration(t, reg, st.Generation)
	if st.Err != nil {
		t.Fatalf("LastReload after the fix = %v", st.Err)
	}
	if db.Level() != zapcore.InfoLevel || saas.Level() != zapcore.DebugLevel {
		t.Fatalf("after the fix: db %v saas %v, want info debug", db.Level(), saas.Level())
	}
}

// A deleted file returns every component to its default, through the
// registry's missing-file rule.
func TestRegistryDeletedFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "components")
	writeAtomic(t, file, "db\n")
	reg, logs := watchRegistry(t, file)
	db := reg.Component("db")
	gen := reg.LastReload().Generation
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	if st := waitGeneration(t, reg, gen); st.Err != nil {
		t.Fatal(st.Err)
	}
	if db.Level() != zapcore.InfoLevel {
		t.Fatalf("db at %v after the file was deleted", db.Level())
	}
	if logs.FilterLevelExact(zapcore.WarnLevel).Len() == 0 {
		t.Fatal("deletion not logged at warn")
	}
}
