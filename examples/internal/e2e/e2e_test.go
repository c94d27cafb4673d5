package e2e

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, "goleak:", err)
			code = 1
		}
	}
	os.Exit(code)
}

var (
	buildOnce sync.Once
	linesBin  string
	buildDir  string
)

// lines returns the test program, built once for all tests and removed by
// TestMain.
func lines(t *testing.T) string {
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "e2e-test")
		if err != nil {
			t.Fatal(err)
		}
		buildDir = dir
		linesBin = filepath.Join(dir, "lines")
		if out, err := exec.Command(GoCommand(t), buildArgs(linesBin, "./testdata/lines")...).CombinedOutput(); err != nil {
			t.Fatalf("build: %v\n%s", err, out)
		}
	})
	if linesBin == "" {
		t.Fatal("the test program did not build")
	}
	return linesBin
}

func TestParseEntry(t *testing.T) {
	e, err := parseEntry(`{"level":"debug","ts":1,"logger":"db.pool","msg":"query","n":3,"tags":["a","b"]}`)
	if err != nil {
		t.Fatal(err)
	}
	if e.Level != "debug" || e.Logger != "db.pool" || e.Msg != "query" {
		t.Errorf("entry %+v", e)
	}
	if n, ok := e.Int("n"); !ok || n != 3 {
		t.Errorf("Int(n) = %d, %v", n, ok)
	}
	if got := e.Strings("tags"); len(got) != 2 || got[1] != "b" {
		t.Errorf("Strings(tags) = %q", got)
	}
	if e.String("missing") != "" {
		t.Error("String of a missing key")
	}
	for _, bad := range []string{`not json`, `{"msg":"no level"}`, `{"level":"info"}`, `[1]`, ``} {
		if _, err := parseEntry(bad); err == nil {
			t.Errorf("parseEntry(%q) succeeded", bad)
		}
	}
}

func TestProc(t *testing.T) {
	p := Start(t, lines(t),
		`{"level":"info","logger":"scopelog","msg":"components reloaded","generation":1}`,
		`{"level":"debug","logger":"db","msg":"query"}`,
		`{"level":"error","logger":"scopelog","msg":"components reload failed; levels unchanged","generation":2}`,
		"exit=3")
	i, e := p.Wait(t, 0, "the query", Msg("db", "query"))
	if i != 1 || e.Level != "debug" {
		t.Errorf("Wait = %d, %+v", i, e)
	}
	if i, e = p.WaitReload(t, 1); i != 2 || e.Level != "error" {
		t.Errorf("WaitReload(1) = %d, %+v", i, e)
	}
	if g := p.Generation(); g != 2 {
		t.Errorf("Generation = %d, want 2", g)
	}
	var exit *exec.ExitError
	if err := p.WaitExit(t); !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Errorf("WaitExit = %v, want exit status 3", err)
	}
	if got := len(p.Since(1)); got != 2 {
		t.Errorf("Since(1) has %d entries, want 2", got)
	}
	if !strings.HasSuffix(p.Raw(), "\"generation\":2}\n") {
		t.Errorf("Raw = %q", p.Raw())
	}
}

func TestSignalAndExit(t *testing.T) {
	p := Start(t, lines(t), `{"level":"info","msg":"up"}`)
	p.Wait(t, 0, "up", func(e Entry) bool { return e.Msg == "up" })
	p.Signal(t, os.Interrupt)
	if err := p.WaitExit(t); err != nil {
		t.Errorf("WaitExit = %v", err)
	}
}

// recorder stands in for a test, to watch this package fail one.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	runtime.Goexit()
}

func TestWaitFailsWhenTheProcessExits(t *testing.T) {
	r := &recorder{TB: t}
	p := Start(r, lines(t), `{"level":"info","msg":"bye"}`, "exit=0")
	done := make(chan struct{})
	go func() {
		defer close(done)
		p.Wait(r, 0, "what never comes", func(Entry) bool { return false })
	}()
	<-done
	if len(r.errors) != 1 || !strings.Contains(r.errors[0], "exited") || !strings.Contains(r.errors[0], "what never comes") {
		t.Errorf("failures %q, want one saying the process exited", r.errors)
	}
}

func TestALineThatIsNotJSONFailsTheTest(t *testing.T) {
	var r *recorder
	t.Run("run", func(t *testing.T) {
		r = &recorder{TB: t}
		p := Start(r, lines(t), "panic: not a log line", "exit=2")
		_ = p.WaitExit(r)
	})
	if len(r.errors) != 1 || !strings.Contains(r.errors[0], `"panic: not a log line"`) {
		t.Errorf("failures %q, want one quoting the line", r.errors)
	}
}

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "components")
	WriteAtomic(t, path, "db\n")
	WriteAtomic(t, path, "http\n")
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "http\n" {
		t.Fatalf("content %q, %v", b, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
	if names, _ := filepath.Glob(filepath.Join(dir, "*")); len(names) != 1 {
		t.Errorf("files left: %q", names)
	}
}
