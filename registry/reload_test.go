package registry

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

// fixture is a registry on an observed core with its components file in a
// temporary directory.
type fixture struct {
	t    *testing.T
	reg  *Registry
	file string
	logs *observer.ObservedLogs
}

func newFixture(t *testing.T, opts ...Option) *fixture {
	t.Helper()
	core, logs := observer.New(zapcore.DebugLevel)
	file := filepath.Join(t.TempDir(), "components")
	opts = append([]Option{WithCore(core), WithFile(file)}, opts...)
	f := &fixture{t: t, reg: New(opts...), file: file, logs: logs}
	t.Cleanup(f.reg.stopTimer)
	return f
}

// stopTimer stops the expiry timer of a registry a test is done with, whose
// rules may be pending for hours.
func (r *Registry) stopTimer() {
	r.opMu.Lock()
	defer r.opMu.Unlock()
	if r.timer != nil {
		r.timer.Stop()
	}
}

func (f *fixture) write(content string) {
	f.t.Helper()
	if err := os.WriteFile(f.file, []byte(content), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) reload() {
	f.t.Helper()
	if err := f.reg.Reload(); err != nil {
		f.t.Fatalf("Reload: %v", err)
	}
}

// levels returns "name=level@rule" for every component but the registry's own.
func (f *fixture) levels() string {
	var out []string
	for _, s := range f.reg.Components() {
		if s.Name == SelfName {
			continue
		}
		rule := ""
		if s.Rule != "" {
			rule = "@" + strings.TrimPrefix(s.Rule, f.file)
		}
		out = append(out, s.Name+"="+s.Level.String()+rule)
	}
	return strings.Join(out, " ")
}

// lastAck returns the last entry the registry logged about itself.
func (f *fixture) lastAck() observer.LoggedEntry {
	f.t.Helper()
	acks := f.logs.FilterLoggerName(SelfName).All()
	if len(acks) == 0 {
		f.t.Fatal("no acknowledgement logged")
	}
	return acks[len(acks)-1]
}

func TestReloadAppliesRules(t *testing.T) {
	f := newFixture(t)
	for _, n := range []string{"db", "db.pool", "saas.client", "http", "http.api.retry"} {
		f.reg.Component(n)
	}
	if got, want := f.levels(), "db=info db.pool=info http=info http.api.retry=info saas.client=info"; got != want {
		t.Fatalf("before any rule: %s, want %s", got, want)
	}
	f.write("saas.client\ndb=warn\ndb.pool=debug\nhttp.*.retry=debug\ndbb\n")
	f.reload()
	if got, want := f.levels(), "db=warn@:2 db.pool=debug@:3 http=info http.api.retry=debug@:4 saas.client=debug@:1"; got != want {
		t.Fatalf("levels = %s, want %s", got, want)
	}
	ack := f.lastAck()
	m := ack.ContextMap()
	// A rule that matches nothing raises the acknowledgement to Warn.
	if ack.Level != zapcore.WarnLevel || ack.Message != "components reloaded" || m["file"] != f.file || m["rules"] != int64(5) {
		t.Fatalf("ack = %v %q %v", ack.Level, ack.Message, m)
	}
	changed := fmt.Sprint(m["changed"])
	if changed != "[db: info→warn db.pool: info→debug http.api.retry: info→debug saas.client: info→debug]" {
		t.Errorf("changed = %s", changed)
	}
	if u := fmt.Sprint(m["unmatched"]); u != "["+f.file+":5: no component matches dbb; did you mean db?]" {
		t.Errorf("unmatched = %s", u)
	}

	// Removing a rule returns its components to the default.
	f.write("db.pool=debug\n")
	f.reload()
	if got, want := f.levels(), "db=info db.pool=debug@:1 http=info http.api.retry=info saas.client=info"; got != want {
		t.Fatalf("after removing rules: %s, want %s", got, want)
	}
	if got := fmt.Sprint(f.lastAck().ContextMap()["changed"]); got != "[db: warn→info http.api.retry: debug→info saas.client: debug→info]" {
		t.Errorf("changed = %s", got)
	}
	// Component loggers follow: the proof is in what they write.
	db := f.reg.Component("db.pool")
	db.Debug("visible")
	f.reg.Component("db").Debug("invisible")
	if n := f.logs.FilterMessage("visible").Len() + 10*f.logs.FilterMessage("invisible").Len(); n != 1 {
		t.Fatalf("written entries code = %d, want 1", n)
	}
}

func TestComponentIdentityAndNames(t *testing.T) {
	f := newFixture(t)
	a, b := f.reg.Component("db.pool"), f.reg.Component("db.pool")
	if a != b {
		t.Fatal("the same name must return the same *component.Logger")
	}
	if a.Name() != "db.pool" {
		t.Fatalf("Name() = %q", a.Name())
	}
	a.Info("hello")
	if e := f.logs.FilterMessage("hello").All(); len(e) != 1 || e[0].LoggerName != "db.pool" {
		t.Fatalf("entries = %v", e)
	}
	defer func() {
		r := fmt.Sprint(recover())
		if !strings.Contains(r, `"DB.pool"`) || !strings.Contains(r, "segments of [a-z0-9_-] joined by '.'") {
			t.Fatalf("panic = %q, want the name and the rule", r)
		}
	}()
	f.reg.Component("DB.pool")
}

func TestUnmatchedRuleAppliesToLaterComponents(t *testing.T) {
	f := newFixture(t)
	f.reg.Component("db")
	f.write("late.comer=debug\n*=warn\n")
	f.reload()
	if u := fmt.Sprint(f.lastAck().ContextMap()["unmatched"]); !strings.Contains(u, "no component matches late.comer") {
		t.Fatalf("unmatched = %s", u)
	}
	l := f.reg.Component("late.comer.sub")
	if l.Level() != zapcore.DebugLevel {
		t.Fatalf("late component level = %v, want debug", l.Level())
	}
	if got := f.levels(); got != "db=warn@:2 late.comer.sub=debug@:1" {
		t.Fatalf("levels = %s", got)
	}
	if f.reg.Component("other").Level() != zapcore.WarnLevel {
		t.Fatal("*=warn must apply to a later component")
	}
}

func TestDefaultLevelOption(t *testing.T) {
	f := newFixture(t, WithDefaultLevel(zapcore.ErrorLevel))
	f.reg.Component("db")
	f.write("other\n")
	f.reload()
	if got := f.levels(); got != "db=error" {
		t.Fatalf("levels = %s", got)
	}
}

func TestMissingFileMeansDefaults(t *testing.T) {
	f := newFixture(t)
	f.reg.Component("db")
	f.write("db\n")
	f.reload()
	if err := os.Remove(f.file); err != nil {
		t.Fatal(err)
	}
	f.reload()
	if got := f.levels(); got != "db=info" {
		t.Fatalf("levels = %s", got)
	}
	ack := f.lastAck()
	if ack.Level != zapcore.InfoLevel || !strings.Contains(ack.Message, "not found") {
		t.Fatalf("ack = %v %q", ack.Level, ack.Message)
	}
	if st := f.reg.LastReload(); st.Err != nil || st.Generation != 2 {
		t.Fatalf("LastReload = %+v", st)
	}
}

// TestMissingDirectoryWarns: a components file in a directory that does
// not exist is most likely a typo in the path, and must not look like an
// empty file.
func TestMissingDirectoryWarns(t *testing.T) {
	core, logs := observer.New(zapcore.DebugLevel)
	typo := filepath.Join(t.TempDir(), "etc", "myap")
	reg := New(WithCore(core), WithFile(filepath.Join(typo, "components")))
	if err := reg.Reload(); err != nil {
		t.Fatalf("Reload: %v", err)
	}
	acks := logs.FilterLoggerName(SelfName).All()
	if len(acks) != 1 {
		t.Fatalf("%d entries, want 1", len(acks))
	}
	want := "components file not found: directory " + typo + " does not exist; every component at its default level"
	if acks[0].Level != zapcore.WarnLevel || acks[0].Message != want {
		t.Fatalf("ack = %v %q, want warn %q", acks[0].Level, acks[0].Message, want)
	}
}

// A dangling symlink's target, chosen by whoever made the link, is escaped
// in the acknowledgement: it cannot forge a line on a console.
func TestDanglingTargetIsEscaped(t *testing.T) {
	core, logs := observer.New(zapcore.DebugLevel)
	link := filepath.Join(t.TempDir(), "components")
	mustNil(t, os.Symlink("/nowhere/\x1b[2J\nFAKE: all good", link))
	mustNil(t, New(WithCore(core), WithFile(link)).Reload())
	acks := logs.FilterLoggerName(SelfName).All()
	want := `components file not found: it is a symlink to "/nowhere/\x1b[2J\nFAKE: all good", which does not exist; every component at its default level`
	if len(acks) != 1 || acks[0].Message != want {
		t.Fatalf("acks %v, want one saying %q", acks, want)
	}
}

func TestNoFileConfigured(t *testing.T) {
	var reg Registry // the zero Registry is usable
	if err := reg.Reload(); !errors.Is(err, ErrNoFile) {
		t.Fatalf("Reload with no file = %v, want ErrNoFile", err)
	}
	if reg.Component("db").Level() != zapcore.InfoLevel {
		t.Fatal("zero Registry: default level must be info")
	}
}

// TestBadInputChangesNothing covers every kind of bad input: each must
// return a precise error, keep every level, be recorded in LastReload and be
// logged at Error.
func TestBadInputChangesNothing(t *testing.T) {
	tests := append([]badInput{
		{"syntax", writeFile("db=debug\nsaas=loud\n", 0o644), nil, `:2:6: unknown level "loud": expected debug, info, warn, error, dpanic, panic or fatal`},
		{"option", writeFile("db x=1h\n", 0o644), nil, `:1:4: unknown option "x": the options are record=<n>, limit=<n>/s and until=<RFC 3339 time>, such as record=200 limit=100/s until=2026-11-26T15:00:00Z`},
		{"relative", writeFile("db ttl=1h\n", 0o644), nil, `:1:4: ttl= is relative and a file has no "now": write until=`},
		{"pattern", writeFile("db\nSaas\n", 0o644), nil, `:2:1: invalid character 'S' in pattern "Saas": expected segments of [a-z0-9_-] or '*' joined by '.'`},
		{"too large", writeFile(strings.Repeat("# padding\n", MaxFileSize/10+1), 0o644), ErrTooLarge, ": registry: file larger than 1 MiB: 1048580 bytes"},
		{"world-writable", writeFile("db\n", 0o666), ErrWorldWritable, ": registry: world-writable file refused: anyone on this machine could change log levels (chmod o-w) (mode -rw-rw-rw-)"},
		{"directory", func(t *testing.T, p string) { mustNil(t, os.Mkdir(p, 0o755)) }, ErrNotRegular, ": registry: not a regular file: it is a directory"},
		{"symlink to directory", func(t *testing.T, p string) {
			d := filepath.Join(filepath.Dir(p), "d")
			mustNil(t, os.Mkdir(d, 0o755))
			mustNil(t, os.Symlink(d, p))
		}, ErrNotRegular, ": registry: not a regular file: it is a directory"},
		{"unreadable", makeUnreadable, nil, ": cannot "},
	}, platformBadInputs...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.reg.Component("db")
			f.reg.Component("saas")
			f.write("saas=debug\n")
			f.reload()
			before := f.levels()
			mustNil(t, os.Remove(f.file))
			tt.prepare(t, f.file)

			done := make(chan error, 1)
			go func() { done <- f.reg.Reload() }()
			var err error
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("Reload blocked")
			}
			if err == nil {
				t.Fatal("Reload accepted bad input")
			}
			if !strings.HasPrefix(err.Error(), f.file+tt.want) {
				t.Errorf("error\n got %s\nwant %s%s...", err, f.file, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v does not wrap %v", err, tt.is)
			}
			if got := f.levels(); got != before {
				t.Errorf("levels changed on bad input: %s, was %s", got, before)
			}
			st := f.reg.LastReload()
			if st.Err != err || st.Generation != 2 || st.Time.IsZero() {
				t.Errorf("LastReload = %+v, want the error at generation 2", st)
			}
			ack := f.lastAck()
			if ack.Level != zapcore.ErrorLevel || ack.ContextMap()["error"] != err.Error() {
				t.Errorf("failure not logged at error: %v %v", ack.Level, ack.ContextMap())
			}
		})
	}
}

type badInput struct {
	name    string
	prepare func(t *testing.T, path string) // makes path bad
	is      error                           // sentinel, if any
	want    string                          // the error after "<path>"
}

func writeFile(content string, mode os.FileMode) func(*testing.T, string) {
	return func(t *testing.T, p string) {
		mustNil(t, os.WriteFile(p, []byte(content), mode))
		mustNil(t, os.Chmod(p, mode)) // WriteFile's mode is filtered by the umask
	}
}

// makeUnreadable makes a file the test's user cannot read. Root reads past
// permission bits, so as root the path becomes a link to /proc/self/mem, a
// regular file whose first read fails.
func makeUnreadable(t *testing.T, p string) {
	if os.Geteuid() != 0 {
		writeFile("db\n", 0o000)(t, p)
		return
	}
	if _, err := os.Stat("/proc/self/mem"); err != nil {
		t.Skip("running as root without /proc/self/mem: cannot make an unreadable file")
	}
	mustNil(t, os.Symlink("/proc/self/mem", p))
}

func mustNil(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestIneffectiveDebugIsReported(t *testing.T) {
	core, logs := observer.New(zapcore.InfoLevel)
	file := filepath.Join(t.TempDir(), "components")
	reg := New(WithCore(core), WithFile(file))
	reg.Component("db")
	mustNil(t, os.WriteFile(file, []byte("db=debug\n"), 0o644))
	mustNil(t, reg.Reload())
	acks := logs.FilterLoggerName(SelfName).All()
	w, _ := acks[len(acks)-1].ContextMap()["warning"].(string)
	if !strings.Contains(w, "base core writes only info and above") || !strings.Contains(w, "db at "+file+":1") {
		t.Fatalf("warning = %q", w)
	}
}

func TestAckListsAreBounded(t *testing.T) {
	f := newFixture(t)
	for i := range maxListed + 7 {
		f.reg.Component(fmt.Sprintf("c%d", i))
	}
	f.write("*=debug\n")
	f.reload()
	m := f.lastAck().ContextMap()
	changed := m["changed"].([]any)
	if len(changed) != maxListed+1 || changed[maxListed] != "… and 7 more" || m["changed_count"] != int64(maxListed+7) {
		t.Fatalf("changed has %d items ending %v, count %v", len(changed), changed[len(changed)-1], m["changed_count"])
	}
}

func TestComponentsSortedWithRules(t *testing.T) {
	f := newFixture(t)
	for _, n := range []string{"b", "a.z", "a"} {
		f.reg.Component(n)
	}
	f.write("a.z=warn\n")
	f.reload()
	got := f.reg.Components()
	names := make([]string, len(got))
	for i, s := range got {
		names[i] = s.Name
	}
	if !slices.Equal(names, []string{"a", "a.z", "b", SelfName}) {
		t.Fatalf("names = %v", names)
	}
	if got[1].Rule != f.file+":1" || got[1].Level != zapcore.WarnLevel || got[0].Rule != "" {
		t.Fatalf("status = %+v", got)
	}
}

func TestComponentLoggerOptions(t *testing.T) {
	core, logs := observer.New(zapcore.DebugLevel)
	reg := New(WithCore(core), WithOptions(zap.Fields(zap.String("app", "x")), zap.AddCaller()))
	reg.Component("db").Info("hi")
	e := logs.All()[0]
	if e.ContextMap()["app"] != "x" || !strings.HasSuffix(e.Caller.File, "reload_test.go") {
		t.Fatalf("entry = %+v", e)
	}
}

func TestWildcardsDoNotHideTheAcknowledgement(t *testing.T) {
	f := newFixture(t)
	f.reg.Component("db")
	f.write("*=error\n")
	f.reload()
	if f.lastAck().Message != "components reloaded" {
		t.Fatal("*=error hid the acknowledgement")
	}
	if got := f.levels(); got != "db=error@:1" {
		t.Fatalf("levels = %s", got)
	}
	f.write("*=error\nscopelog=warn\n")
	n := f.logs.FilterLoggerName(SelfName).Len()
	f.reload()
	if f.logs.FilterLoggerName(SelfName).Len() != n {
		t.Fatal("a literal scopelog=warn rule must quiet the acknowledgement")
	}
	if f.reg.Component(SelfName).Level() != zapcore.WarnLevel {
		t.Fatal("scopelog=warn not applied")
	}
}

func TestDanglingSymlinkIsNamed(t *testing.T) {
	f := newFixture(t)
	f.reg.Component("db")
	f.write("db\n")
	f.reload()
	mustNil(t, os.Remove(f.file))
	mustNil(t, os.Symlink("..data/components", f.file))
	f.reload()
	ack := f.lastAck()
	if ack.Level != zapcore.WarnLevel || !strings.Contains(ack.Message, "symlink to ..data/components, which does not exist") {
		t.Fatalf("ack = %v %q", ack.Level, ack.Message)
	}
	if got := f.levels(); got != "db=info" {
		t.Fatalf("levels = %s", got)
	}
}

func TestKeepFirstKeepsTheSmallestNamesInOrder(t *testing.T) {
	var names []string
	for i := range 500 {
		names = append(names, fmt.Sprintf("c%03d", (i*7919)%500))
	}
	var first []change
	for _, n := range names {
		first = keepFirst(first, change{name: n})
	}
	if len(first) != maxListed {
		t.Fatalf("kept %d, want %d", len(first), maxListed)
	}
	for i, c := range first {
		if want := fmt.Sprintf("c%03d", i); c.name != want {
			t.Fatalf("first[%d] = %s, want %s", i, c.name, want)
		}
	}
}
