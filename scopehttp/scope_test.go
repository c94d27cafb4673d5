package scopehttp

import (
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
)

// scopeHas reports whether ctx carries key=value, as a scoped rule sees it.
func scopeHas(t *testing.T, ctx context.Context, key, value string) bool {
	t.Helper()
	c, err := component.ParseCondition(key + "=" + value)
	if err != nil {
		t.Fatal(err)
	}
	lv := component.NewLevel(zapcore.InfoLevel)
	lv.SetScoped([]component.Scoped{{Condition: c, Level: zapcore.DebugLevel}})
	return component.New("probe", zapcore.NewNopCore(), lv).Ctx(ctx).Enabled(zapcore.DebugLevel)
}

// seen serves the scope of each request to a test.
type seen struct{ ctx chan context.Context }

func (s seen) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.ctx <- r.Context()
	w.Write([]byte("ok"))
}

func serve(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, url string, header http.Header) *http.Response {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

var hexID = regexp.MustCompile(`^[0-9a-f]{16}$`)

func TestRequestID(t *testing.T) {
	s := seen{make(chan context.Context, 1)}
	srv := serve(t, NewHandler(s))
	for _, c := range []struct {
		name, given string
		kept        bool
	}{
		{"given", "7f3a9c-req.1", true},
		{"128 bytes", strings.Repeat("a", 128), true},
		{"129 bytes", strings.Repeat("a", 129), false},
		{"a space", "7f3a 9c", false},
		{"a quote", `7f3a"9c`, false},
		{"none", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := http.Header{}
			if c.given != "" {
				h.Set(RequestIDHeader, c.given)
			}
			resp := get(t, srv.URL, h)
			ctx := <-s.ctx
			id := resp.Header.Get(RequestIDHeader)
			switch {
			case c.kept && id != c.given:
				t.Errorf("echoed %q, want %q", id, c.given)
			case !c.kept && !hexID.MatchString(id):
				t.Errorf("generated %q, want 16 lowercase hex digits", id)
			}
			if !scopeHas(t, ctx, "request", id) {
				t.Errorf("the context lacks request=%s", id)
			}
		})
	}
}

func TestClientIP(t *testing.T) {
	xff := http.Header{"X-Forwarded-For": {"198.51.100.9, 203.0.113.7"}}
	for _, c := range []struct {
		name   string
		opts   []Option
		header http.Header
		want   string
	}{
		{"no proxy trusted", nil, xff, "127.0.0.1"},
		{"another proxy trusted", []Option{TrustProxies("10.0.0.0/8")}, xff, "127.0.0.1"},
		{"loopback trusted", []Option{TrustProxies("127.0.0.0/8")}, xff, "203.0.113.7"},
		{"both hops trusted", []Option{TrustProxies("127.0.0.1", "203.0.113.0/24")}, xff, "198.51.100.9"},
		{"trusted, no header", []Option{TrustProxies("127.0.0.1")}, nil, "127.0.0.1"},
		{"trusted, garbage", []Option{TrustProxies("127.0.0.1")}, http.Header{"X-Forwarded-For": {"evil"}}, "127.0.0.1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := seen{make(chan context.Context, 1)}
			srv := serve(t, NewHandler(s, c.opts...))
			get(t, srv.URL, c.header)
			ctx := <-s.ctx
			if !scopeHas(t, ctx, "ip", c.want) {
				t.Errorf("the context lacks ip=%s", c.want)
			}
		})
	}
}

func TestTrustProxiesPanicsOnGarbage(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	TrustProxies("10.0.0.0/33")
}
