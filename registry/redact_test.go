package registry

import (
	"bytes"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
)

// syncBuffer is a bytes.Buffer safe for the writes of several components.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// jsonRegistry returns a registry at Debug writing JSON to a buffer.
func jsonRegistry(opts ...Option) (*Registry, *syncBuffer) {
	buf := new(syncBuffer)
	core := zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()), zapcore.AddSync(buf), zapcore.DebugLevel)
	return New(append([]Option{WithCore(core), WithDefaultLevel(zapcore.DebugLevel)}, opts...)...), buf
}

var fingerprint = regexp.MustCompile(`\[redacted [0-9a-f]{8}\]`)

// fingerprintOf logs secret under "token" on a component of reg and
// returns the fingerprint written in its place.
func fingerprintOf(t *testing.T, reg *Registry, buf *syncBuffer, secret string) string {
	t.Helper()
	reg.Component("saas.client").Info("logged in", zap.String("token", secret))
	out := buf.String()
	if strings.Contains(out, secret) {
		t.Fatalf("the secret is written: %s", out)
	}
	fps := fingerprint.FindAllString(out, -1)
	if len(fps) == 0 {
		t.Fatalf("no fingerprint: %s", out)
	}
	return fps[len(fps)-1]
}

func TestRedactionIsOnByDefault(t *testing.T) {
	reg, buf := jsonRegistry()
	l := reg.Component("saas.client")
	l.Debug("request", zap.String("Authorization", "Bearer tok_1"), zap.Any("form", map[string]string{"client_secret": "cs_1"}))
	l.Slog().Debug("cookie", slog.Group("req", "Cookie", "sid=abc123"))
	out := buf.String()
	for _, s := range []string{"tok_1", "cs_1", "abc123"} {
		if strings.Contains(out, s) {
			t.Errorf("%q is written:\n%s", s, out)
		}
	}
	if n := len(fingerprint.FindAllString(out, -1)); n != 3 {
		t.Errorf("%d fingerprints, want 3:\n%s", n, out)
	}
}

// With one key, two registries (two replicas of a fleet) write the same
// fingerprint for the same secret; without, each process has its own key,
// which its registries share.
func TestRedactKeyAcrossRegistries(t *testing.T) {
	key := []byte("fleet key of at least 16 bytes..")
	a, abuf := jsonRegistry(WithRedactKey(key))
	b, bbuf := jsonRegistry(WithRedactKey(key))
	fa, fb := fingerprintOf(t, a, abuf, "tok_shared"), fingerprintOf(t, b, bbuf, "tok_shared")
	if fa != fb {
		t.Errorf("one key, two fingerprints: %s and %s", fa, fb)
	}
	if again := fingerprintOf(t, a, abuf, "tok_shared"); again != fa {
		t.Errorf("the fingerprint changed: %s then %s", fa, again)
	}
	if other := fingerprintOf(t, a, abuf, "tok_other"); other == fa {
		t.Errorf("two secrets, one fingerprint %s", fa)
	}
	c, cbuf := jsonRegistry()
	d, dbuf := jsonRegistry()
	fc, fd := fingerprintOf(t, c, cbuf, "tok_shared"), fingerprintOf(t, d, dbuf, "tok_shared")
	if fc != fd {
		t.Errorf("the process key differs between registries: %s and %s", fc, fd)
	}
	if fc == fa {
		t.Errorf("the process key is the fleet key")
	}
	defer func() {
		if recover() == nil {
			t.Error("New took an 8-byte key")
		}
	}()
	New(WithRedactKey([]byte("too short")))
}

func TestRedactKeysOptions(t *testing.T) {
	for _, tc := range []struct {
		name     string
		opts     []Option
		redacted []string // of the keys below
	}{
		{"defaults", nil, []string{"password"}},
		{"added", []Option{WithRedactKeys("X-Tenant-Key"), WithRedactKeys("pin")}, []string{"password", "x-tenant-key", "pin"}},
		{"no defaults", []Option{WithoutDefaultRedaction(), WithRedactKeys("pin")}, []string{"pin"}},
	} {
		reg, buf := jsonRegistry(tc.opts...)
		values := map[string]string{"password": "v-password", "x-tenant-key": "v-tenant", "pin": "v-pin", "user": "v-user"}
		l := reg.Component("db")
		for k, v := range values {
			l.Info("m", zap.String(k, v))
		}
		l.Info("marked", component.Secret("user", "v-marked"))
		out := buf.String()
		if strings.Contains(out, "v-marked") {
			t.Errorf("%s: a value marked with Secret is written", tc.name)
		}
		for k, v := range values {
			want := false
			for _, r := range tc.redacted {
				want = want || r == k
			}
			if got := !strings.Contains(out, v); got != want {
				t.Errorf("%s: %s redacted = %v, want %v", tc.name, k, got, want)
			}
		}
	}
}

func TestRedactValuesOption(t *testing.T) {
	const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl"
	for _, on := range []bool{false, true} {
		var opts []Option
		if on {
			opts = append(opts, WithRedactValues())
		}
		reg, buf := jsonRegistry(opts...)
		reg.Component("db").Info("m", zap.String("note", "called with Bearer "+jwt))
		if got := !strings.Contains(buf.String(), jwt); got != on {
			t.Errorf("WithRedactValues %v: JWT redacted = %v:\n%s", on, got, buf.String())
		}
	}
}

// A registry that writes to a slog handler redacts as one on a zap core.
func TestRedactionThroughWithHandler(t *testing.T) {
	var buf syncBuffer
	reg := New(WithHandler(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})), WithDefaultLevel(zapcore.DebugLevel))
	l := reg.Component("saas.client")
	l.Debug("zap form", zap.String("token", "tok_zap"))
	l.Slog().Debug("slog form", "session", "tok_slog")
	l.Slog().With("password", "tok_with").Debug("with")
	out := buf.String()
	for _, s := range []string{"tok_zap", "tok_slog", "tok_with"} {
		if strings.Contains(out, s) {
			t.Errorf("%q is written:\n%s", s, out)
		}
	}
	if n := len(fingerprint.FindAllString(out, -1)); n != 3 {
		t.Errorf("%d fingerprints, want 3:\n%s", n, out)
	}
}
