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
	"time"

	"github.com/scopelog/scopelog/internal/wait"
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
	if testing.Short() {
		t.Skip("a long stress test; CI runs it in full (.ci/run has no -short)")
	}
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

// TestStressOverridesReloadsExpiries: reloads of files with short-lived
// rules, overrides set and cleared, expiries, registrations, logging and
// reads, all at once. Once everything has expired, the levels must be
// exactly those a fresh registry gets from the last file: no level lost, no
// expired rule left applied.
func TestStressOverridesReloadsExpiries(t *testing.T) {
	if testing.Short() {
		t.Skip("a long stress test; CI runs it in full (.ci/run has no -short)")
	}
	const (
		components = 60
		rounds     = 300
	)
	f := newFixture(t)
	names := make([]string, components)
	for i := range names {
		names[i] = fmt.Sprintf("svc%d.part%d", i%6, i)
	}
	for _, n := range names[:components/2] {
		f.reg.Component(n)
	}
	soon := func(i int) string { return ts(time.Now().Add(time.Duration(i%20) * time.Millisecond)) }

	var wg sync.WaitGroup
	stop := make(chan struct{})
	run := func(body func(i int)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				body(i)
			}
		}()
	}
	run(func(i int) { // overrides
		p := fmt.Sprintf("svc%d", i%6)
		switch i % 5 {
		case 3:
			f.reg.ClearOverride(p, By("stress"))
		case 4:
			if i%20 == 4 {
				f.reg.ClearOverrides()
			}
		default:
			lvl := zapcore.Level(i%4 - 1)
			// The lock may come after so short an until: that is refused.
			err := f.reg.Override(p, lvl, time.Now().Add(time.Duration(1+i%15)*time.Millisecond))
			if err != nil && !strings.Contains(err.Error(), "is not in the future") {
				t.Error(err)
			}
		}
	})
	run(func(i int) { // registrations, logging and reads
		l := f.reg.Component(names[i%components])
		l.Debug("debug")
		if i%50 == 0 {
			f.reg.Components()
			f.reg.Overrides()
			f.reg.LastReload()
		}
	})
	for i := range rounds {
		f.write(fmt.Sprintf("*=warn\nsvc%d=debug until=%s\nsvc%d.*=error until=%s\nsvc%d.part%d=info\n",
			i%6, soon(i), (i+1)%6, soon(i+7), i%6, i%components))
		if err := f.reg.Reload(); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	final := "*=warn\nsvc1=debug\nsvc2.*=error until=" + ts(time.Now().Add(30*time.Millisecond)) + "\n"
	f.write(final)
	f.reload()
	for _, n := range names {
		f.reg.Component(n)
	}
	wait.For(t, "every until to pass", func() bool {
		f.reg.opMu.Lock()
		defer f.reg.opMu.Unlock()
		return f.reg.rules.over.earliest.IsZero() && f.reg.rules.file.earliest.IsZero()
	})
	f.assertNoTimer()
	if len(expiries(f.logs)) == 0 {
		t.Fatal("no rule expired during the run")
	}

	fresh := New(WithCore(zapcore.NewNopCore()), WithFile(f.file))
	f.write("*=warn\nsvc1=debug\n")
	mustNil(t, fresh.Reload())
	for _, s := range f.reg.Components() {
		want := fresh.Component(s.Name).Level()
		if s.Level != want || !s.Expires.IsZero() || s.Rule == "override" {
			t.Errorf("%s at %v by %q (expires %v), want %v as a fresh registry", s.Name, s.Level, s.Rule, s.Expires, want)
		}
	}
	if n := len(f.reg.Overrides()); n != 0 {
		t.Fatalf("%d overrides left after every until passed", n)
	}
}
