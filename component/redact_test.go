package component

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/internal/slogcore"
)

// testRedactKey is the fingerprint key of the tests, so that they know
// which fingerprint to expect.
var testRedactKey = []byte("0123456789abcdef0123456789abcdef")

// testRedactor returns the Redactor of the tests.
func testRedactor(c RedactConfig) *Redactor {
	c.Key = testRedactKey
	return NewRedactor(c)
}

// pairs is an object of string fields, in order.
type pairs [][2]string

func (p pairs) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	for _, kv := range p {
		enc.AddString(kv[0], kv[1])
	}
	return nil
}

// form logs a secret under key, in one nested form: as zap fields for the
// zap front ends and as slog attributes for the slog front end.
type form struct {
	name   string
	fields func(key, val string) []zap.Field
	attrs  func(key, val string) []slog.Attr
}

var forms = []form{
	{"top level",
		func(k, v string) []zap.Field { return []zap.Field{zap.Int("n", 1), zap.String(k, v)} },
		func(k, v string) []slog.Attr { return []slog.Attr{slog.Int("n", 1), slog.String(k, v)} }},
	{"object",
		func(k, v string) []zap.Field { return []zap.Field{zap.Object("req", pairs{{"path", "/"}, {k, v}})} },
		func(k, v string) []slog.Attr { return []slog.Attr{slog.Group("req", "path", "/", k, v)} }},
	{"object in object",
		func(k, v string) []zap.Field {
			return []zap.Field{zap.Dict("req", zap.Object("auth", pairs{{k, v}}))}
		},
		func(k, v string) []slog.Attr {
			return []slog.Attr{slog.Group("req", slog.Group("auth", k, v))}
		}},
	{"namespace",
		func(k, v string) []zap.Field { return []zap.Field{zap.Namespace("req"), zap.String(k, v)} },
		func(k, v string) []slog.Attr { return []slog.Attr{slog.Group("req", slog.String(k, v))} }},
	{"array of objects",
		func(k, v string) []zap.Field {
			return []zap.Field{zap.Objects("calls", []pairs{{{"path", "/"}}, {{k, v}}})}
		},
		func(k, v string) []slog.Attr {
			return []slog.Attr{slog.Any("calls", []map[string]string{{"path": "/"}, {k: v}})}
		}},
	{"map",
		func(k, v string) []zap.Field {
			return []zap.Field{zap.Any("form", map[string]string{"user": "ann", k: v})}
		},
		func(k, v string) []slog.Attr {
			return []slog.Attr{slog.Any("form", map[string]string{"user": "ann", k: v})}
		}},
	{"map in map",
		func(k, v string) []zap.Field {
			return []zap.Field{zap.Any("conf", map[string]any{"db": map[string]any{"host": "h", k: v}})}
		},
		func(k, v string) []slog.Attr {
			return []slog.Attr{slog.Any("conf", map[string]any{"db": map[string]any{"host": "h", k: v}})}
		}},
	{"http.Header",
		func(k, v string) []zap.Field {
			return []zap.Field{zap.Any("headers", http.Header{"Accept": {"*/*"}, k: {v}})}
		},
		func(k, v string) []slog.Attr {
			return []slog.Attr{slog.Any("headers", http.Header{"Accept": {"*/*"}, k: {v}})}
		}},
}

// redactKeys are secret keys as programs spell them: the match is on the
// whole key, in any case.
var redactKeys = []string{"authorization", "Authorization", "PASSWORD", "Session_Id", "x-API-key", "set-cookie", "client_secret", "token"}

// zapFront logs fields at Debug through one zap front end of l.
type zapFront struct {
	name string
	log  func(l *Logger, fields []zap.Field)
}

var zapFronts = []zapFront{
	{"Debug", func(l *Logger, fs []zap.Field) { l.Debug("m", fs...) }},
	{"With", func(l *Logger, fs []zap.Field) { l.With(fs...).Debug("m") }},
	{"Check", func(l *Logger, fs []zap.Field) { l.Check(zapcore.DebugLevel, "m").Write(fs...) }},
	{"Zap", func(l *Logger, fs []zap.Field) { l.Zap().Debug("m", fs...) }},
	{"Zap.With", func(l *Logger, fs []zap.Field) { l.Zap().With(fs...).Debug("m") }},
	{"Sugar", func(l *Logger, fs []zap.Field) {
		args := make([]any, len(fs))
		for i, f := range fs {
			args[i] = f
		}
		l.Sugar().Debugw("m", args...)
	}},
	{"Event", func(l *Logger, fs []zap.Field) {
		e := l.DebugEvent()
		for _, f := range fs {
			e = e.Field(f)
		}
		e.Msg("m")
	}},
}

// slogFront logs attrs at Debug through one use of the slog front end.
type slogFront struct {
	name string
	log  func(l *Logger, attrs []slog.Attr)
}

var slogFronts = []slogFront{
	{"LogAttrs", func(l *Logger, as []slog.Attr) {
		l.Slog().LogAttrs(context.Background(), slog.LevelDebug, "m", as...)
	}},
	{"With", func(l *Logger, as []slog.Attr) {
		args := make([]any, len(as))
		for i, a := range as {
			args[i] = a
		}
		l.Slog().With(args...).Debug("m")
	}},
}

// sinkUnderTest builds the component under test over one kind of sink, and
// says what it wrote.
type sinkUnderTest struct {
	name string
	new  func(lv *Level) (*Logger, func() string)
}

var sinks = []sinkUnderTest{
	{"zap JSON core", func(lv *Level) (*Logger, func() string) {
		var mu sync.Mutex
		var buf bytes.Buffer
		core := zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()), zapcore.AddSync(lockedWriter{&mu, &buf}), zapcore.DebugLevel)
		return New("saas.client", core, lv), func() string { mu.Lock(); defer mu.Unlock(); return buf.String() }
	}},
	{"slog JSON handler", func(lv *Level) (*Logger, func() string) {
		var mu sync.Mutex
		var buf bytes.Buffer
		h := slog.NewJSONHandler(lockedWriter{&mu, &buf}, &slog.HandlerOptions{Level: slog.LevelDebug})
		return New("saas.client", slogcore.New(h), lv), func() string { mu.Lock(); defer mu.Unlock(); return buf.String() }
	}},
}

// TestRedactionEveryFrontEndEveryForm logs a secret under each secret key,
// in each nested form, through each front end, to each kind of sink, and
// written or recorded then flushed: the secret never appears, and its
// fingerprint does.
func TestRedactionEveryFrontEndEveryForm(t *testing.T) {
	red := testRedactor(RedactConfig{})
	const secretValue = "s3cr3t-credential-0042"
	want := red.Fingerprint(secretValue)
	for _, sk := range sinks {
		for _, recorded := range []bool{false, true} {
			newLogger := func() (*Logger, *Level, func() string) {
				lv := NewLevel(zapcore.DebugLevel)
				if recorded {
					lv.SetLevel(zapcore.InfoLevel)
					lv.SetRecord(10)
				}
				lv.SetRedactor(red)
				l, out := sk.new(lv)
				return l, lv, out
			}
			check := func(t *testing.T, l *Logger, lv *Level, out func() string) {
				t.Helper()
				if recorded {
					assertRecorderHolds(t, lv, secretValue, false)
					if n := l.Flush(); n != 1 {
						t.Fatalf("flushed %d entries, want 1", n)
					}
				}
				got := out()
				if strings.Contains(got, secretValue) {
					t.Errorf("the secret is written:\n%s", got)
				}
				if !strings.Contains(got, want) {
					t.Errorf("no fingerprint %s:\n%s", want, got)
				}
			}
			mode := "written"
			if recorded {
				mode = "recorded"
			}
			for _, key := range redactKeys {
				for _, fm := range forms {
					for _, fr := range zapFronts {
						t.Run(strings.Join([]string{sk.name, mode, fr.name, fm.name, key}, "/"), func(t *testing.T) {
							l, lv, out := newLogger()
							fr.log(l, fm.fields(key, secretValue))
							check(t, l, lv, out)
						})
					}
					for _, fr := range slogFronts {
						t.Run(strings.Join([]string{sk.name, mode, "Slog " + fr.name, fm.name, key}, "/"), func(t *testing.T) {
							l, lv, out := newLogger()
							fr.log(l, fm.attrs(key, secretValue))
							check(t, l, lv, out)
						})
					}
				}
			}
		}
	}
}

// assertRecorderHolds searches the memory of the recorder of lv for s:
// every byte of its ring's buffer, where its entries are captured, stale
// bytes of evicted entries included, which is what a heap dump of the
// process would show of them. The ring's slots refer to sinks only, the
// program's cores, shared by every entry.
func assertRecorderHolds(t *testing.T, lv *Level, s string, want bool) {
	t.Helper()
	rec := lv.rec.Load()
	if rec == nil {
		t.Fatal("the level does not record")
	}
	assertRingHolds(t, rec, s, want)
}

func assertRingHolds(t *testing.T, rec *recorder, s string, want bool) {
	t.Helper()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if rec.ring.n == 0 {
		t.Fatal("nothing recorded")
	}
	if found := bytes.Contains(rec.ring.buf, []byte(s)); found != want {
		t.Errorf("the recorder's memory holds %q: %v, want %v", s, found, want)
	}
}

func TestSecretUnderAnInnocentKey(t *testing.T) {
	red := testRedactor(RedactConfig{})
	const v = "sk_live_innocent_0042"
	for _, sk := range sinks {
		t.Run(sk.name, func(t *testing.T) {
			lv := NewLevel(zapcore.DebugLevel)
			lv.SetRedactor(red)
			l, out := sk.new(lv)
			l.Debug("zap form", Secret("upstream", v))
			l.With(Secret("upstream", v)).Debug("with")
			l.DebugEvent().Secret("upstream", v).Msg("event form")
			l.Sugar().Debugw("sugar", Secret("upstream", v))
			l.Slog().Debug("slog", "upstream", SecretValue(v))
			l.Slog().Debug("slog group", slog.Group("g", "upstream", SecretValue(v)))
			got := out()
			if strings.Contains(got, v) {
				t.Errorf("the secret is written:\n%s", got)
			}
			if n := strings.Count(got, red.Fingerprint(v)); n != 6 {
				t.Errorf("%d fingerprints, want 6:\n%s", n, got)
			}
		})
	}
}

// A Secret or SecretValue given to a logger that is not a component's
// writes nothing of the value.
func TestSecretIsSafeElsewhere(t *testing.T) {
	var buf bytes.Buffer
	zap.New(zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()), zapcore.AddSync(&buf), zapcore.DebugLevel)).
		Info("m", Secret("k", "hunter2"))
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "k", SecretValue("hunter2"))
	if strings.Contains(buf.String(), "hunter2") {
		t.Errorf("a secret is written by a plain logger:\n%s", buf.String())
	}
	if !strings.Contains(buf.String(), `"k":"[redacted]"`) {
		t.Errorf("slog does not resolve SecretValue:\n%s", buf.String())
	}
}

func TestFingerprints(t *testing.T) {
	a := testRedactor(RedactConfig{})
	b := testRedactor(RedactConfig{Keys: []string{"x"}})
	other := NewRedactor(RedactConfig{Key: []byte("another key of thirty-two bytes!")})
	proc1, proc2 := NewRedactor(RedactConfig{}), NewRedactor(RedactConfig{})
	fp := a.Fingerprint("tok_1")
	if !isFingerprint(fp) {
		t.Fatalf("fingerprint %q is not [redacted <8 hex digits>]", fp)
	}
	switch {
	case b.Fingerprint("tok_1") != fp:
		t.Error("two Redactors with one key disagree")
	case a.Fingerprint("tok_2") == fp:
		t.Error("two secrets share a fingerprint")
	case other.Fingerprint("tok_1") == fp:
		t.Error("another key gives the same fingerprint")
	case proc1.Fingerprint("tok_1") != proc2.Fingerprint("tok_1"):
		t.Error("the process key differs between two Redactors of one process")
	}
	// The kept fingerprints are the computed ones, whatever evicts them,
	// and what keeps them holds no secret.
	for round := range 2 {
		for i := range 1000 {
			v := fmt.Sprintf("tok_%d", i)
			if got, want := a.Fingerprint(v), a.fp.compute(v); got != want {
				t.Fatalf("round %d: fingerprint of %s = %s, want %s", round, v, got, want)
			}
		}
	}
	walkStrings(reflect.ValueOf(a.fp).Elem().FieldByName("cache"), map[uintptr]bool{}, func(s string) {
		if strings.HasPrefix(s, "tok_") {
			t.Errorf("the kept fingerprints hold the secret %q", s)
		}
	})
	// Concurrent use shares the pooled HMACs safely.
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				if a.Fingerprint("tok_1") != fp {
					t.Error("a concurrent fingerprint differs")
					return
				}
			}
		})
	}
	wg.Wait()
	defer func() {
		if recover() == nil {
			t.Error("a 4-byte key is taken")
		}
	}()
	NewRedactor(RedactConfig{Key: []byte("abcd")})
}

func TestRedactionKeysAndDefaults(t *testing.T) {
	for _, tc := range []struct {
		cfg    RedactConfig
		key    string
		secret bool
	}{
		{RedactConfig{}, "password", true},
		{RedactConfig{}, "PassWord", true},
		{RedactConfig{}, "passwords", false}, // the whole key, not a part
		{RedactConfig{}, "my_token", false},
		{RedactConfig{}, "rows", false},
		{RedactConfig{}, "", false},
		{RedactConfig{Keys: []string{"X-Tenant-Key"}}, "x-tenant-key", true},
		{RedactConfig{Keys: []string{"X-Tenant-Key"}}, "password", true},
		{RedactConfig{NoDefaults: true, Keys: []string{"pin"}}, "password", false},
		{RedactConfig{NoDefaults: true, Keys: []string{"pin"}}, "PIN", true},
		{RedactConfig{NoDefaults: true}, "password", false},
	} {
		r := testRedactor(tc.cfg)
		if got := r.keys.match(tc.key) != noMatch; got != tc.secret {
			t.Errorf("%+v: key %q secret = %v, want %v", tc.cfg, tc.key, got, tc.secret)
		}
	}
	// Every default key, in every case, matches.
	r := testRedactor(RedactConfig{})
	for _, k := range DefaultRedactKeys() {
		for _, spelled := range []string{k, strings.ToUpper(k), strings.ToUpper(k[:1]) + k[1:]} {
			if r.keys.match(spelled) == noMatch {
				t.Errorf("default key %q spelled %q does not match", k, spelled)
			}
		}
	}
}

func TestRedactionKeepsTheAuthScheme(t *testing.T) {
	r := testRedactor(RedactConfig{})
	fields := []zap.Field{
		zap.String("Authorization", "Bearer tok_1"),
		zap.String("authorization", "Bearer "), // an empty credential is worth seeing
		zap.String("token", ""),
		zap.String("Proxy-Authorization", "Basic dXNlcjpwYXNz"),
		zap.String("password", "Bearer tok_1"), // not a credential header: all of it
	}
	r.fields(fields)
	want := []string{"Bearer " + r.Fingerprint("tok_1"), "Bearer ", "", "Basic " + r.Fingerprint("dXNlcjpwYXNz"), r.Fingerprint("Bearer tok_1")}
	for i, f := range fields {
		if f.String != want[i] {
			t.Errorf("%s = %q, want %q", f.Key, f.String, want[i])
		}
	}
	// Redacting again changes nothing.
	again := slices.Clone(fields)
	r.fields(again)
	if !slices.EqualFunc(again, fields, func(a, b zap.Field) bool { return a.Equals(b) }) {
		t.Errorf("redacting twice: %v, want %v", again, fields)
	}
}

func TestRedactValues(t *testing.T) {
	const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl"
	r := testRedactor(RedactConfig{Values: true})
	off := testRedactor(RedactConfig{})
	for _, tc := range []struct{ in, want string }{
		{"Bearer tok_abc", "Bearer " + r.Fingerprint("tok_abc")},
		{"sent bearer tok.abc/def== to the API", "sent bearer " + r.Fingerprint("tok.abc/def==") + " to the API"},
		{"url?t=" + jwt + "&x=1", "url?t=" + r.Fingerprint(jwt) + "&x=1"},
		{jwt + " and " + jwt, r.Fingerprint(jwt) + " and " + r.Fingerprint(jwt)},
		{"eyJhbGciOiJub25lIn0.eyJzdWIiOiI0MiJ9.", r.Fingerprint("eyJhbGciOiJub25lIn0.eyJzdWIiOiI0MiJ9.")}, // unsecured: empty signature
		{"Bearer ", "Bearer "},
		{"Bearer [redacted 0a1b2c3d]", "Bearer [redacted 0a1b2c3d]"},
		{"xeyJhbGciOiJIUzI1NiJ9.eyJz.c2ln", "xeyJhbGciOiJIUzI1NiJ9.eyJz.c2ln"}, // not at a word's start
		{"eyJhbGciOiJIUzI1NiJ9 alone", "eyJhbGciOiJIUzI1NiJ9 alone"},           // one part is no JWT
		{"unbearer x", "unbearer x"},
		{"plain text", "plain text"},
	} {
		got, _ := r.scan(tc.in)
		if got != tc.want {
			t.Errorf("scan(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got, changed := off.scan(tc.in); changed || got != tc.in {
			t.Errorf("without Values, scan(%q) = %q", tc.in, got)
		}
	}
	// Through a logger, under innocent keys, at depth.
	var buf bytes.Buffer
	lv := NewLevel(zapcore.DebugLevel)
	lv.SetRedactor(r)
	l := New("x", zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()), zapcore.AddSync(&buf), zapcore.DebugLevel), lv)
	l.Debug("m", zap.String("note", "sent "+jwt), zap.Object("o", pairs{{"h", "Bearer " + jwt}}), zap.Strings("list", []string{jwt}))
	l.Slog().Debug("m", "note", "Bearer "+jwt)
	if strings.Contains(buf.String(), jwt) {
		t.Errorf("a JWT is written:\n%s", buf.String())
	}
	if n := strings.Count(buf.String(), r.Fingerprint(jwt)); n != 4 {
		t.Errorf("%d fingerprints of the JWT, want 4:\n%s", n, buf.String())
	}
}

// A secret key's value that is an object, an array or a map keeps its
// shape, every value in it fingerprinted; a scalar becomes the fingerprint
// of its text.
func TestSecretValuesOfEveryShape(t *testing.T) {
	r := testRedactor(RedactConfig{})
	var buf bytes.Buffer
	lv := NewLevel(zapcore.DebugLevel)
	lv.SetRedactor(r)
	cfg := zap.NewProductionEncoderConfig()
	cfg.TimeKey, cfg.LevelKey, cfg.NameKey, cfg.MessageKey = "", "", "", ""
	l := New("x", zapcore.NewCore(zapcore.NewJSONEncoder(cfg), zapcore.AddSync(&buf), zapcore.DebugLevel), lv)
	l.Debug("m",
		zap.Int("pin", 1234), // not a secret key
		zap.Int("password", 1234),
		zap.Object("session", pairs{{"id", "s1"}, {"user", "ann"}}),
		zap.Strings("cookie", []string{"a=1", "b=2"}),
		zap.Any("secret", map[string]int{"n": 7}),
		zap.Namespace("token"), zap.String("value", "t1"),
	)
	fp := r.Fingerprint
	want := `{"pin":1234,"password":"` + fp("1234") + `","session":{"id":"` + fp("s1") + `","user":"` + fp("ann") + `"},` +
		`"cookie":["` + fp("a=1") + `","` + fp("b=2") + `"],"secret":{"n":"` + fp("7") + `"},"token":{"value":"` + fp("t1") + `"}}` + "\n"
	if buf.String() != want {
		t.Errorf("got  %s\nwant %s", buf.String(), want)
	}
}

// A map that holds itself is written as far as it can be: the walk stops
// at its depth bound, rather than going on forever.
func TestRedactionOfACyclicMap(t *testing.T) {
	r := testRedactor(RedactConfig{})
	m := map[string]any{"token": "t"}
	m["self"] = m
	out, changed := r.reflected(m, false)
	if !changed {
		t.Fatal("the token in a cyclic map is not redacted")
	}
	if out.(map[string]any)["token"] != r.Fingerprint("t") {
		t.Errorf("token = %v", out.(map[string]any)["token"])
	}
}

// walkStrings calls visit with every string reachable from v, unexported
// fields included, each pointer followed once.
func walkStrings(v reflect.Value, seen map[uintptr]bool, visit func(string)) {
	switch v.Kind() {
	case reflect.String:
		visit(v.String())
	case reflect.Pointer, reflect.Map, reflect.Slice:
		if v.IsNil() {
			return
		}
		if p := v.Pointer(); p != 0 && v.Kind() != reflect.Slice {
			if seen[p] {
				return
			}
			seen[p] = true
		}
		switch v.Kind() {
		case reflect.Pointer:
			walkStrings(v.Elem(), seen, visit)
		case reflect.Map:
			for it := v.MapRange(); it.Next(); {
				walkStrings(it.Key(), seen, visit)
				walkStrings(it.Value(), seen, visit)
			}
		case reflect.Slice:
			if v.Type().Elem().Kind() == reflect.Uint8 {
				visit(string(v.Bytes()))
				return
			}
			for i := range v.Len() {
				walkStrings(v.Index(i), seen, visit)
			}
		}
	case reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), seen, visit)
		}
	case reflect.Array:
		for i := range v.Len() {
			walkStrings(v.Index(i), seen, visit)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			walkStrings(v.Field(i), seen, visit)
		}
	}
}

// A zap option that wraps the component's core (zap.WrapCore, zap.Hooks)
// does not let the fields of Zap() and Sugar() through unredacted.
func TestRedactionUnderWrappingOptions(t *testing.T) {
	red := testRedactor(RedactConfig{})
	const secret = "s3cr3t-wrapped-0042"
	var mu sync.Mutex
	var buf bytes.Buffer
	core := zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()), zapcore.AddSync(lockedWriter{&mu, &buf}), zapcore.DebugLevel)
	type wrapped struct{ zapcore.Core }
	lv := NewLevel(zapcore.DebugLevel)
	lv.SetRedactor(red)
	l := New("saas.client", core, lv, zap.WrapCore(func(c zapcore.Core) zapcore.Core { return wrapped{c} }))
	l.Zap().Debug("zap", zap.String("token", secret))
	l.Sugar().Debugw("sugar", "password", secret)
	l.With(zap.String("id", "7")).Zap().Debug("with", zap.String("cookie", secret))
	mu.Lock()
	got := buf.String()
	mu.Unlock()
	if strings.Contains(got, secret) {
		t.Errorf("the secret is written:\n%s", got)
	}
	if n := strings.Count(got, red.Fingerprint(secret)); n != 3 {
		t.Errorf("%d fingerprints, want 3:\n%s", n, got)
	}
	if !strings.Contains(got, `"id":"7"`) || !strings.Contains(got, `"logger":"saas.client"`) {
		t.Errorf("With's field or the name is lost:\n%s", got)
	}
}
