package registry

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/internal/wait"
)

func TestParseScoped(t *testing.T) {
	src := "saas.client[tenant=acme]=debug\n" +
		"*[request=7f3a9c]\n" +
		"db[tenant=acme,user=ops@example.com]=info until=2026-12-03T18:00:00Z record=5 # c\n" +
		"saas.client=warn\n"
	rules, err := Parse("f", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ pattern, cond, str string }{
		{"saas.client[tenant=acme]", "tenant=acme", "saas.client[tenant=acme]=debug"},
		{"*[request=7f3a9c]", "request=7f3a9c", "*[request=7f3a9c]=debug"},
		{"db[tenant=acme,user=ops@example.com]", "tenant=acme,user=ops@example.com", "db[tenant=acme,user=ops@example.com]=info record=5 until=2026-12-03T18:00:00Z"},
		{"saas.client", "", "saas.client=warn"},
	}
	for i, w := range want {
		r := rules[i]
		if r.Pattern != w.pattern || r.Condition() != w.cond || r.String() != w.str {
			t.Errorf("rule %d = %q %q %q, want %q %q %q", i, r.Pattern, r.Condition(), r.String(), w.pattern, w.cond, w.str)
		}
		again, err := Parse("f", []byte(r.String()))
		if err != nil || again[0].String() != r.String() {
			t.Errorf("%q does not read back: %v %v", r.String(), again, err)
		}
	}
}

func TestParseScopedErrorsAtTheirColumn(t *testing.T) {
	long := strings.Repeat("v", component.MaxScopeValue+1)
	for _, c := range []struct {
		src  string
		want string
	}{
		{"db[]=debug", `f:1:4: condition "[]": empty condition`},
		{"db[tenant=acme", `f:1:3: missing ']' after the condition "[tenant=acme"`},
		{"  db.x[tenant=a b]=debug", `f:1:7: missing ']' after the condition "[tenant=a"`},
		{"db[tenant=acme]x=debug", `f:1:16: unexpected "x" after the condition's ']'`},
		{"db[a=1].pool=debug", `f:1:8: unexpected ".pool" after the condition's ']'`},
		{"db[a=1][b=2]", `f:1:8: a second condition: write every pair in one`},
		{"[a=1]=debug", `f:1:1: expected a component name or pattern before '['`},
		{"db[Tenant=acme]=debug", `f:1:4: condition "[Tenant=acme]": invalid character 'T' in a scope key`},
		{"db[=acme]", `f:1:4: condition "[=acme]": expected a scope key before '='`},
		{"db[tenant]=debug", `f:1:10: condition "[tenant]": expected '=' and a value after the key tenant`},
		{"db[tenant=]=debug", `f:1:11: condition "[tenant=]": expected a value after tenant=`},
		{"db[tenant=a;b]", `f:1:12: condition "[tenant=a;b]": invalid character ';' in a scope value`},
		{"db[a=1,a=2]", `f:1:8: condition "[a=1,a=2]": a second a= in one condition`},
		{"db[a=1,]", `f:1:8: condition "[a=1,]": empty key=value pair`},
		{"db[t=" + long + "]", `f:1:262: condition "[t=` + long[:61] + `"…: scope value of 257 bytes`},
		{"db[a=1]=", `f:1:9: expected a level after '='`},
		{"db[a=1]=verbose", `f:1:9: unknown level "verbose"`},
		{"db[a=1] until=x", `f:1:9: invalid time "x"`},
		{"D[a=1]", `f:1:1: invalid character 'D' in pattern "D"`},
		{"db]=debug", `f:1:3: invalid character ']' in pattern "db]"`},
	} {
		_, err := Parse("f", []byte(c.src))
		var se *SyntaxError
		if !errors.As(err, &se) || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("Parse(%.30q) = %v\nwant prefix %s", c.src, err, c.want)
		}
	}
}

func TestParseBoundsScopedRules(t *testing.T) {
	var b strings.Builder
	for i := range MaxScoped {
		fmt.Fprintf(&b, "db[tenant=t%d]\n", i)
	}
	if _, err := Parse("f", []byte(b.String())); err != nil {
		t.Fatalf("%d scoped rules: %v", MaxScoped, err)
	}
	b.WriteString("db=info\n  db[tenant=one-more]=debug\n")
	_, err := Parse("f", []byte(b.String()))
	want := fmt.Sprintf("f:%d:5: a scoped rule beyond the %d a file may hold", MaxScoped+2, MaxScoped)
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("Parse = %v, want %s", err, want)
	}
}

// ctxOf returns a context whose scope holds the pairs, given as
// "key=value".
func ctxOf(pairs ...string) context.Context {
	ctx := context.Background()
	for _, p := range pairs {
		k, v, _ := strings.Cut(p, "=")
		ctx = component.WithScope(ctx, k, v)
	}
	return ctx
}

// logged logs msg at lvl on the component name through a logger bound to
// ctx, and returns "-" if nothing was written, "+" if it was written
// without a scope, and the scope it was written with otherwise.
func (f *fixture) logged(name string, ctx context.Context, lvl zapcore.Level) string {
	f.t.Helper()
	before := f.logs.Len()
	l := f.reg.Component(name).Ctx(ctx)
	switch lvl {
	case zapcore.DebugLevel:
		l.Debug("probe")
	case zapcore.InfoLevel:
		l.Info("probe")
	case zapcore.WarnLevel:
		l.Warn("probe")
	default:
		l.Error("probe")
	}
	all := f.logs.All()
	if len(all) == before {
		return "-"
	}
	if s, ok := all[len(all)-1].ContextMap()["scope"]; ok {
		return s.(string)
	}
	return "+"
}

// TestScopedPrecedence is the table of scoped rules against unscoped rules
// and overrides: a scoped rule only ever adds detail, overrides beat the
// file within a condition, the most specific rule of a condition wins, and
// rules of different conditions combine.
func TestScopedPrecedence(t *testing.T) {
	acme, globex := ctxOf("tenant=acme", "user=42"), ctxOf("tenant=globex", "user=7")
	until := time.Now().Add(time.Hour)
	type probe struct {
		name string
		ctx  context.Context
		lvl  zapcore.Level
		want string
	}
	for _, c := range []struct {
		what   string
		file   string
		over   map[string]zapcore.Level
		probes []probe
	}{
		{"a scoped rule adds debug for its scope only",
			"saas.client=info\nsaas.client[tenant=acme]=debug\n", nil, []probe{
				{"saas.client", acme, zapcore.DebugLevel, "tenant=acme"},
				{"saas.client", globex, zapcore.DebugLevel, "-"},
				{"saas.client", context.Background(), zapcore.DebugLevel, "-"},
				{"saas.client", acme, zapcore.InfoLevel, "+"},
				{"saas.client.pool", acme, zapcore.DebugLevel, "tenant=acme"},
				{"saas.api", acme, zapcore.DebugLevel, "-"},
			}},
		{"a scoped rule never quiets: the unscoped level stands",
			"saas.client=debug\nsaas.client[tenant=acme]=error\n", nil, []probe{
				{"saas.client", acme, zapcore.DebugLevel, "+"},
				{"saas.client", globex, zapcore.DebugLevel, "+"},
			}},
		{"an unscoped override does not hide a scoped rule of the file",
			"saas.client[tenant=acme]=debug\n", map[string]zapcore.Level{"saas.client": zapcore.ErrorLevel}, []probe{
				{"saas.client", acme, zapcore.InfoLevel, "tenant=acme"},
				{"saas.client", globex, zapcore.InfoLevel, "-"},
				{"saas.client", globex, zapcore.ErrorLevel, "+"},
			}},
		{"a scoped override does not hide an unscoped rule",
			"saas.client=info\n", map[string]zapcore.Level{"saas.client[tenant=acme]": zapcore.ErrorLevel}, []probe{
				{"saas.client", acme, zapcore.InfoLevel, "+"},
				{"saas.client", acme, zapcore.DebugLevel, "-"},
			}},
		{"a scoped override beats the file's rule of the same condition",
			"saas.client=error\nsaas.client[tenant=acme]=debug\n", map[string]zapcore.Level{"saas.client[tenant=acme]": zapcore.InfoLevel}, []probe{
				{"saas.client", acme, zapcore.DebugLevel, "-"},
				{"saas.client", acme, zapcore.InfoLevel, "tenant=acme"},
			}},
		{"within a condition, the most specific rule wins",
			"saas=error\nsaas[tenant=acme]=debug\nsaas.client[tenant=acme]=warn\n", nil, []probe{
				{"saas.client", acme, zapcore.InfoLevel, "-"},
				{"saas.client", acme, zapcore.WarnLevel, "tenant=acme"},
				{"saas.api", acme, zapcore.DebugLevel, "tenant=acme"},
			}},
		{"within a condition and a specificity, the later line wins",
			"db=error\ndb[tenant=acme]=debug\ndb[tenant=acme]=warn\n", nil, []probe{
				{"db", acme, zapcore.InfoLevel, "-"},
				{"db", acme, zapcore.WarnLevel, "tenant=acme"},
			}},
		{"rules of different conditions combine, the most verbose applies",
			"db=error\ndb[tenant=acme]=info\ndb[user=42]=debug\ndb[tenant=acme,user=42]=warn\n", nil, []probe{
				{"db", acme, zapcore.DebugLevel, "user=42"},
				{"db", ctxOf("tenant=acme"), zapcore.InfoLevel, "tenant=acme"},
				{"db", ctxOf("tenant=acme"), zapcore.DebugLevel, "-"},
				{"db", ctxOf("user=42"), zapcore.DebugLevel, "user=42"},
			}},
		{"a rule of wildcards covers everything but the registry's own component",
			"*[tenant=acme]=debug\n", nil, []probe{
				{"db.pool", acme, zapcore.DebugLevel, "tenant=acme"},
				{SelfName, acme, zapcore.DebugLevel, "-"},
			}},
	} {
		t.Run(c.what, func(t *testing.T) {
			f := newFixture(t)
			for _, p := range c.probes {
				f.reg.Component(p.name)
			}
			f.write(c.file)
			f.reload()
			for p, lvl := range c.over {
				mustNil(t, f.reg.Override(p, lvl, until))
			}
			for _, p := range c.probes {
				if got := f.logged(p.name, p.ctx, p.lvl); got != p.want {
					t.Errorf("%s at %v for %v: %s, want %s", p.name, p.lvl, p.ctx, got, p.want)
				}
			}
		})
	}
}

// A logger bound before the override exists, and kept by a goroutine that
// logs, writes from its first call after Override returns, and is quiet
// from its first call after ClearOverride returns.
func TestScopedOverrideMidRequest(t *testing.T) {
	f := newFixture(t)
	client := f.reg.Component("saas.client")
	step, done := make(chan bool), make(chan string)
	go func() {
		log := client.Ctx(ctxOf("tenant=acme", "request=7f"))
		for range step {
			before := f.logs.Len()
			log.Debug("token reused")
			log.DebugEvent().Msg("token reused")
			got := ""
			for _, e := range f.logs.All()[before:] {
				got += fmt.Sprint(e.ContextMap()["scope"]) + ";"
			}
			done <- got
		}
		close(done)
	}()
	call := func() string { step <- true; return <-done }
	if got := call(); got != "" {
		t.Fatalf("before the override: %q", got)
	}
	mustNil(t, f.reg.Override("saas.client[tenant=acme]", zapcore.DebugLevel, time.Now().Add(time.Hour)))
	if got := call(); got != "tenant=acme;tenant=acme;" {
		t.Fatalf("after the override: %q", got)
	}
	if !f.reg.ClearOverride("saas.client[tenant=acme]") {
		t.Fatal("no override to clear")
	}
	if got := call(); got != "" {
		t.Fatalf("after the clear: %q", got)
	}
	close(step)
	<-done
}

// When a scoped rule expires, the next call through a logger bound before
// is quiet again.
func TestScopedRuleExpires(t *testing.T) {
	var clock stepClock
	f := newFixture(t, withClock(clock.now))
	f.reg.Component("saas.client")
	acme := ctxOf("tenant=acme")
	f.write("saas.client[tenant=acme]=debug until=" + ts(clock.now().Add(time.Hour)) + "\n")
	f.reload()
	mustNil(t, f.reg.Override("db[tenant=acme]", zapcore.DebugLevel, clock.now().Add(2*time.Hour)))
	db := f.reg.Component("db").Ctx(acme)
	if got := f.logged("saas.client", acme, zapcore.DebugLevel); got != "tenant=acme" {
		t.Fatalf("before the expiry: %s", got)
	}
	clock.step(time.Hour)
	wait.For(t, "the expiry entry", func() bool { return len(expiries(f.logs)) == 1 })
	if got := f.logged("saas.client", acme, zapcore.DebugLevel); got != "-" {
		t.Fatalf("after the expiry: %s", got)
	}
	if m := expiries(f.logs)[0].ContextMap(); m["pattern"] != "saas.client[tenant=acme]" {
		t.Errorf("expiry entry = %v", m)
	}
	if !db.Enabled(zapcore.DebugLevel) {
		t.Fatal("the scoped override expired with the file's rule")
	}
	clock.step(time.Hour)
	wait.For(t, "the override's expiry", func() bool { return !db.Enabled(zapcore.DebugLevel) })
	if n := len(f.reg.Scoped()); n != 0 {
		t.Errorf("%d scoped rules in force after both expired", n)
	}
	f.assertNoTimer()
}

func TestScopedStatusAndCounts(t *testing.T) {
	f := newFixture(t)
	for _, n := range []string{"saas.client", "saas.client.pool", "db", "zeta"} {
		f.reg.Component(n)
	}
	f.write("saas[tenant=acme]=debug\ndb[tenant=acme]=warn\nnothing[tenant=acme]\nsaas=info\n")
	f.reload()
	until := time.Now().Add(time.Hour)
	mustNil(t, f.reg.Override("zeta[user=42]", zapcore.DebugLevel, until))
	acme := ctxOf("tenant=acme", "user=42")
	for range 3 {
		f.logged("saas.client", acme, zapcore.DebugLevel)
	}
	f.logged("saas.client.pool", acme, zapcore.DebugLevel)
	f.logged("saas.client", acme, zapcore.InfoLevel) // written anyway: not counted
	f.logged("zeta", acme, zapcore.DebugLevel)
	summary := func() string {
		var out []string
		for _, s := range f.reg.Scoped() {
			out = append(out, fmt.Sprintf("%s@%s:%v:%d", s.Rule.Pattern, strings.TrimPrefix(s.Rule.Source(), f.file), s.Components, s.Written))
		}
		return strings.Join(out, " ")
	}
	want := "saas[tenant=acme]@:1:[saas.client saas.client.pool]:4 db[tenant=acme]@:2:[db]:0 nothing[tenant=acme]@:3:[]:0 zeta[user=42]@override:[zeta]:1"
	if got := summary(); got != want {
		t.Fatalf("Scoped = %s\nwant     %s", got, want)
	}
	// A reload that keeps a rule keeps its count; one that changes it
	// starts again.
	f.write("saas[tenant=acme]=debug\ndb[tenant=acme]=debug\nsaas=info\n")
	f.reload()
	want = "saas[tenant=acme]@:1:[saas.client saas.client.pool]:4 db[tenant=acme]@:2:[db]:0 zeta[user=42]@override:[zeta]:1"
	if got := summary(); got != want {
		t.Fatalf("after a reload, Scoped = %s\nwant     %s", got, want)
	}
	// Setting an override again starts its count again.
	mustNil(t, f.reg.Override("zeta[user=42]", zapcore.DebugLevel, until))
	if got := f.reg.Scoped()[2].Written; got != 0 {
		t.Errorf("an override set again counts %d", got)
	}
}

func TestScopedAcknowledgements(t *testing.T) {
	f := newFixture(t)
	for _, n := range []string{"saas.client", "saas.client.pool", "db"} {
		f.reg.Component(n)
	}
	f.write("db=debug\nsaas.client[tenant=acme]=debug\ndb[tenant=acme]=info\nsaas.clinet[tenant=acme]\n")
	f.reload()
	ack := f.lastAck()
	m := ack.ContextMap()
	if ack.Level != zapcore.WarnLevel {
		t.Errorf("ack at %v, want warn for the rule that covers nothing", ack.Level)
	}
	if got := fmt.Sprint(m["scoped"]); got != fmt.Sprintf("[%[1]s:2: saas.client[tenant=acme]=debug covers saas.client, saas.client.pool %[1]s:3: db[tenant=acme]=info covers db]", f.file) {
		t.Errorf("scoped = %s", got)
	}
	if got := fmt.Sprint(m["unmatched"]); got != "["+f.file+":4: no component matches saas.clinet[tenant=acme]; did you mean saas.client[tenant=acme]?]" {
		t.Errorf("unmatched = %s", got)
	}
	if got := m["warning"]; got != "scoped rules that add nothing, since each component they cover writes their level already: db[tenant=acme]=info at "+f.file+":3" {
		t.Errorf("warning = %v", got)
	}
	if got := fmt.Sprint(m["changed"]); got != "[db: info→debug]" {
		t.Errorf("changed = %s: scoped rules change no level", got)
	}

	until := time.Now().Add(time.Hour)
	mustNil(t, f.reg.Override("saas[tenant=globex]", zapcore.DebugLevel, until))
	ack = f.lastAck()
	if m := ack.ContextMap(); ack.Level != zapcore.InfoLevel || fmt.Sprint(m["scoped"]) != "[saas.client, saas.client.pool]" || m["changed_count"] != int64(0) {
		t.Errorf("override ack %v %v", ack.Level, m)
	}
	mustNil(t, f.reg.Override("db[tenant=globex]", zapcore.InfoLevel, until))
	if ack := f.lastAck(); ack.Level != zapcore.WarnLevel || ack.ContextMap()["warning"] != "the scoped override adds nothing: each component it covers writes info already" {
		t.Errorf("override ack %v %v", ack.Level, ack.ContextMap())
	}
	mustNil(t, f.reg.Override("sass[tenant=globex]", zapcore.InfoLevel, until))
	if got := f.lastAck().ContextMap()["unmatched"]; got != "override: no component matches sass[tenant=globex]; did you mean saas[tenant=globex]?" {
		t.Errorf("unmatched = %v", got)
	}
}

func TestScopedOverrideBadInput(t *testing.T) {
	f := newFixture(t)
	until := time.Now().Add(time.Hour)
	for _, c := range []struct{ pattern, want string }{
		{"db[tenant=a b]", `registry: bad override pattern at column 12: condition "[tenant=a b]": invalid character ' ' in a scope value`},
		{"db[tenant=acme", `registry: bad override pattern at column 3: missing ']'`},
		{"db[]", `registry: bad override pattern at column 4: condition "[]": empty condition`},
	} {
		err := f.reg.Override(c.pattern, zapcore.DebugLevel, until)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("Override(%q) = %v, want %s", c.pattern, err, c.want)
		}
	}
	for i := range MaxScoped {
		mustNil(t, f.reg.Override(fmt.Sprintf("db[tenant=t%d]", i), zapcore.DebugLevel, until))
	}
	// Setting one again replaces it; one more is refused.
	mustNil(t, f.reg.Override("db[tenant=t0]", zapcore.InfoLevel, until))
	if err := f.reg.Override("db[tenant=more]", zapcore.DebugLevel, until); err == nil || !strings.Contains(err.Error(), "scoped overrides in force already") {
		t.Errorf("the override beyond the bound: %v", err)
	}
	mustNil(t, f.reg.Override("db", zapcore.DebugLevel, until))
	if n := len(f.reg.Overrides()); n != MaxScoped+1 {
		t.Errorf("%d overrides, want %d", n, MaxScoped+1)
	}
}

// TestScopedStress sets and clears scoped overrides while 8 goroutines log
// through bound loggers with different tenants: each entry carries scope
// exactly when it should, that of its own tenant, and no entry is torn.
func TestScopedStress(t *testing.T) {
	f := newFixture(t)
	client := f.reg.Component("saas.client")
	f.reg.Component("saas.api")
	f.write("saas.client=info\n")
	f.reload()
	const workers = 8
	var stop atomic.Bool
	var wg, started sync.WaitGroup
	started.Add(workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tenant := fmt.Sprintf("t%d", w)
			log := client.Ctx(ctxOf("tenant="+tenant, "request=r"+tenant))
			sl := client.Slog()
			ctx := ctxOf("tenant=" + tenant)
			for i := 0; !stop.Load() || i < 200; i++ {
				if i == 1 {
					started.Done()
				}
				log.Debug("d", zap.String("tenant", tenant))
				log.DebugEvent().Str("tenant", tenant).Msg("d")
				log.Info("i", zap.String("tenant", tenant))
				sl.DebugContext(ctx, "d", "tenant", tenant)
			}
		}()
	}
	// The overrides change while every worker logs: on a loaded machine,
	// the workers could otherwise run only after the last change.
	started.Wait()
	until := time.Now().Add(time.Hour)
	for i := range 200 {
		p := fmt.Sprintf("saas.client[tenant=t%d]", i%workers)
		if i%3 == 2 {
			p = "saas[tenant=t" + fmt.Sprint(i%workers) + "]"
		}
		mustNil(t, f.reg.Override(p, zapcore.DebugLevel, until))
		if i%2 == 1 {
			f.reg.ClearOverride(p)
		}
		if i%50 == 49 {
			f.reg.ClearOverrides()
		}
	}
	// One override stays in force until an entry is written because of
	// it, so that the checks below never judge an empty log.
	mustNil(t, f.reg.Override("saas.client[tenant=t0]", zapcore.DebugLevel, until))
	deadline := time.Now().Add(30 * time.Second)
	for f.logs.FilterField(zap.String("scope", "tenant=t0")).Len() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no entry written in 30 s because of the override for t0")
		}
		runtime.Gosched()
	}
	stop.Store(true)
	wg.Wait()
	scoped := 0
	for _, e := range f.logs.FilterLoggerName("saas.client").All() {
		m := e.ContextMap()
		scope, has := m["scope"]
		switch {
		case e.Level == zapcore.InfoLevel && has:
			t.Fatalf("an entry written anyway carries scope: %v", m)
		case e.Level == zapcore.DebugLevel && scope != "tenant="+fmt.Sprint(m["tenant"]):
			t.Fatalf("a debug entry of tenant %v carries scope %v", m["tenant"], scope)
		case has:
			scoped++
		}
	}
	if scoped == 0 {
		t.Fatal("no entry was written because of a scoped override")
	}
}

// SetRule writes a scoped rule with its condition, on a line of its own:
// the unscoped rule of the same component pattern is another rule.
func TestSetRuleScoped(t *testing.T) {
	src := []byte("saas.client=info # the base\n")
	r := Rule{Pattern: "saas.client[tenant=acme]", Level: zapcore.DebugLevel, Until: time.Date(2026, 12, 3, 18, 0, 0, 0, time.UTC)}
	out, err := SetRule("f", src, r)
	mustNil(t, err)
	want := "saas.client=info # the base\nsaas.client[tenant=acme]=debug until=2026-12-03T18:00:00Z\n"
	if string(out) != want {
		t.Fatalf("SetRule =\n%s\nwant\n%s", out, want)
	}
	r.Level, r.Until = zapcore.InfoLevel, time.Time{}
	out, err = SetRule("f", out, r)
	mustNil(t, err)
	if want := "saas.client=info # the base\nsaas.client[tenant=acme]=info\n"; string(out) != want {
		t.Fatalf("SetRule again =\n%s\nwant\n%s", out, want)
	}
	out, err = RemoveRule("f", out, "saas.client[tenant=acme]")
	mustNil(t, err)
	if string(out) != string(src) {
		t.Fatalf("RemoveRule =\n%s\nwant\n%s", out, src)
	}
	if _, err := SetRule("f", src, Rule{Pattern: "saas.client[tenant=a b]"}); err == nil {
		t.Fatal("SetRule wrote an invalid condition")
	}
}

// record= on a scoped rule records for its scope only, and the
// acknowledgement and Flush know it.
func TestScopedRuleRecords(t *testing.T) {
	f := newFixture(t)
	client := f.reg.Component("saas.client")
	f.write("saas.client=warn\nsaas.client[tenant=acme]=info record=5\n")
	f.reload()
	if got := fmt.Sprint(f.lastAck().ContextMap()["recording"]); got != "[saas.client: record=5 for tenant=acme]" {
		t.Errorf("recording = %s", got)
	}
	acme := ctxOf("tenant=acme")
	client.Ctx(acme).Debug("kept")
	client.Ctx(ctxOf("tenant=globex")).Debug("dropped")
	if got := f.logged("saas.client", acme, zapcore.InfoLevel); got != "tenant=acme" {
		t.Fatalf("info for acme: %s", got)
	}
	before := f.logs.Len()
	if n := f.reg.Flush("saas"); n != 1 {
		t.Fatalf("Flush wrote %d entries, want 1", n)
	}
	got := f.logs.All()[before:]
	if len(got) != 2 || got[1].Message != "kept" || got[1].ContextMap()["scope"] != "tenant=acme" || got[1].ContextMap()["recorded"] != true {
		t.Fatalf("flushed %v", got)
	}
}
