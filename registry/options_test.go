package registry

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"
)

// A nil Option is a programming error wherever options are taken: the panic
// names the function and the position.
func TestNilOptionPanics(t *testing.T) {
	for _, tt := range []struct {
		name string
		call func()
		want string
	}{
		{"New", func() { New(WithDefaultLevel(zapcore.WarnLevel), nil) }, "registry: New: option 1 (counting from 0) is nil"},
		{"ReadFile", func() { _, _ = ReadFile("components", nil) }, "registry: ReadFile: option 0 (counting from 0) is nil"},
		{"Override", func() {
			reg := New(WithCore(zapcore.NewNopCore()))
			_ = reg.Override("db", zapcore.DebugLevel, time.Now().Add(time.Minute), By("test"), nil)
		}, "registry: option 1 (counting from 0) is nil"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if p := recover(); p != tt.want {
					t.Errorf("panic %v, want %q", p, tt.want)
				}
			}()
			tt.call()
		})
	}
}

// Where two options set the same thing, the last wins.
func TestTheLastOptionWins(t *testing.T) {
	reg := New(WithDefaultLevel(zapcore.WarnLevel), WithFile("a"), WithDefaultLevel(zapcore.ErrorLevel), WithFile("b"))
	if l := reg.Component("db").Level(); l != zapcore.ErrorLevel || reg.File() != "b" {
		t.Errorf("db at %v, file %q; want error and b", l, reg.File())
	}
}

// The registry reads the time from its clock wherever it reads it: the
// status of a reload, and the until= a relative time's message suggests.
func TestReloadUsesTheRegistryClock(t *testing.T) {
	at := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)
	f := newFixture(t, withClock(func() time.Time { return at }))
	f.write("db\n")
	f.reload()
	if got := f.reg.LastReload().Time; !got.Equal(at) {
		t.Errorf("LastReload().Time = %v, want the registry's clock, %v", got, at)
	}
	f.write("db for=15m\n")
	err := f.reg.Reload()
	if want := "until=2031-05-06T07:23:09Z"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Reload = %v, want a message suggesting %s", err, want)
	}
	if got := f.reg.LastReload().Time; !got.Equal(at) {
		t.Errorf("failed reload: LastReload().Time = %v, want %v", got, at)
	}
}

// ReadFile uses the trust it is given, and ignores options about what a
// Registry does with the rules.
func TestReadFileOptions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "components")
	mustNil(t, os.WriteFile(path, []byte("db\n"), 0o644))
	rules, err := ReadFile(path, WithCore(zapcore.NewNopCore()), WithDefaultLevel(zapcore.ErrorLevel), WithFile("elsewhere"), WithTrustedOwners(1234))
	if err != nil || len(rules) != 1 || rules[0].Pattern != "db" {
		t.Fatalf("ReadFile = %v, %v", rules, err)
	}
	if _, err := ReadFile(filepath.Join(filepath.Dir(path), "none"), WithFile(path)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFile read WithFile's path instead of its own: %v", err)
	}
}
