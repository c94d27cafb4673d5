package registry

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// checkingWriter receives each entry in one Write, as zap's ioCore does, and
// counts the entries, failing on any that is not one whole JSON object.
type checkingWriter struct {
	errors  atomic.Int64
	entries sync.Map // message → *atomic.Int64
}

func (w *checkingWriter) Write(p []byte) (int, error) {
	var e struct {
		Msg    string `json:"msg"`
		Logger string `json:"logger"`
	}
	if !bytes.HasSuffix(p, []byte("\n")) || bytes.Count(p, []byte("\n")) != 1 || json.Unmarshal(p, &e) != nil {
		w.errors.Add(1)
		return len(p), nil
	}
	c, _ := w.entries.LoadOrStore(e.Msg, new(atomic.Int64))
	c.(*atomic.Int64).Add(1)
	return len(p), nil
}

func (w *checkingWriter) count(msg string) int64 {
	c, ok := w.entries.Load(msg)
	if !ok {
		return 0
	}
	return c.(*atomic.Int64).Load()
}

// TestStressLoggingDuringReloads: 8 goroutines log on 100 components while
// Reload runs 1,000 times over alternating files. No entry may be torn or
// lost, and the final levels must be exactly those of the last file.
func TestStressLoggingDuringReloads(t *testing.T) {
	const (
		goroutines = 8
		components = 100
		reloads    = 1000
	)
	w := &checkingWriter{}
	core := zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()), zapcore.AddSync(w), zapcore.DebugLevel)
	file := filepath.Join(t.TempDir(), "components")
	reg := New(WithCore(core), WithFile(file))
	names := make([]string, components)
	for i := range names {
		names[i] = fmt.Sprintf("svc%d.part%d", i%10, i)
		reg.Component(names[i])
	}
	files := []string{
		"*=debug\n",
		"svc1=error\nsvc2.*=warn\nsvc3\n",
		"*=warn\nsvc4.part4=debug\n",
	}

	var wg sync.WaitGroup
	var logged atomic.Int64 // Error entries, which no file disables
	stop := make(chan struct{})
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				l := reg.Component(names[i%components])
				l.Debug("debug", zap.Int("i", i))
				l.With(zap.Int("g", g)).Info("info")
				l.Error("error", zap.Int("i", i), zap.String("name", names[i%components]))
				logged.Add(1)
			}
		}()
	}
	for i := range reloads {
		if err := os.WriteFile(file, []byte(files[i%len(files)]), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := reg.Reload(); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()

	if n := w.errors.Load(); n != 0 {
		t.Fatalf("%d torn or invalid entries", n)
	}
	if got, want := w.count("error"), logged.Load(); got != want {
		t.Fatalf("%d error entries written, %d logged: entries lost", got, want)
	}
	if st := reg.LastReload(); st.Generation != reloads || st.Err != nil {
		t.Fatalf("LastReload = %+v", st)
	}
	// The last file applied is files[(reloads-1)%3]: "*=debug".
	last := files[(reloads-1)%len(files)]
	for _, s := range reg.Components() {
		want, rule := zapcore.DebugLevel, file+":1"
		if s.Name == SelfName {
			want, rule = zapcore.InfoLevel, ""
		}
		if s.Level != want || s.Rule != rule {
			t.Fatalf("after %q: %s is %v by %q, want %v by %q", strings.TrimSpace(last), s.Name, s.Level, s.Rule, want, rule)
		}
	}
}

// TestConcurrentReloadsNewestContentWins: reloads from many goroutines are
// serialized, and once the file stops changing, any reload that starts
// afterwards applies its final content.
func TestConcurrentReloadsNewestContentWins(t *testing.T) {
	f := newFixture(t)
	db := f.reg.Component("db")
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				if g == 0 {
					lvl := []string{"debug", "warn", "error"}[i%3]
					f.write("db=" + lvl + "\n")
				}
				if err := f.reg.Reload(); err != nil {
					// A reader may see the file truncated by WriteFile: that
					// parses as no rules, never as an error.
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	f.write("db=dpanic\n")
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = f.reg.Reload()
		}()
	}
	wg.Wait()
	if db.Level() != zapcore.DPanicLevel {
		t.Fatalf("db at %v after the final reloads, want dpanic", db.Level())
	}
	if st := f.reg.LastReload(); st.Generation != 4*50+4 {
		t.Fatalf("generation %d, want %d: reloads were lost", st.Generation, 4*50+4)
	}
}

// TestReloadDuringRegistration: components registered while reloads run get
// the level of the rules in force, never a stale one.
func TestReloadDuringRegistration(t *testing.T) {
	f := newFixture(t)
	f.write("*=warn\n")
	f.reload()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 200 {
			_ = f.reg.Reload()
		}
	}()
	for i := range 500 {
		f.reg.Component(fmt.Sprintf("c%d", i))
	}
	<-done
	for _, s := range f.reg.Components() {
		if s.Name != SelfName && s.Level != zapcore.WarnLevel {
			t.Fatalf("%s at %v, want warn", s.Name, s.Level)
		}
	}
}
