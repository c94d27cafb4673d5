package admin

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestRefusesRemotePeers(t *testing.T) {
	f := newFixture(t)
	for _, addr := range []string{"203.0.113.5:1234", "[2001:db8::1]:80", "10.0.0.1:1", "192.0.2.1:1234", "", "garbage"} {
		w := f.do("GET", "/", "", "RemoteAddr", addr)
		errorBody(t, w, http.StatusForbidden, "request from "+addr+" refused: only loopback clients are served")
		w = f.do("PUT", "/", `{"pattern":"http"}`, "RemoteAddr", addr)
		errorBody(t, w, http.StatusForbidden, "refused")
		w = f.do("DELETE", "/", "", "RemoteAddr", addr)
		errorBody(t, w, http.StatusForbidden, "refused")
	}
	if o := f.reg.Overrides(); len(o) != 0 {
		t.Errorf("a refused request set overrides %+v", o)
	}
}

func TestRefusesForeignHosts(t *testing.T) {
	f := newFixture(t)
	for _, host := range []string{"evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.1.nip.io", "10.0.0.1:8000", "[2001:db8::1]:8000"} {
		w := f.do("GET", "/", "", "Host", host)
		errorBody(t, w, http.StatusForbidden, "request for host \""+host+"\" refused: expected localhost or a loopback address")
		w = f.do("PUT", "/", `{"pattern":"http"}`, "Host", host)
		errorBody(t, w, http.StatusForbidden, "refused")
	}
	if o := f.reg.Overrides(); len(o) != 0 {
		t.Errorf("a refused request set overrides %+v", o)
	}
}

func TestServesLoopback(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct{ addr, host string }{
		{"127.0.0.1:5555", "localhost:8000"},
		{"127.8.9.10:5555", "127.0.0.1:8000"},
		{"[::1]:5555", "[::1]:8000"},
		{"[::ffff:127.0.0.1]:5555", "LOCALHOST"},
		{"127.0.0.1:5555", "localhost."},
		{"127.0.0.1:5555", "[::1]"},
		{"127.0.0.1:5555", ""},
	} {
		w := f.do("GET", "/", "", "RemoteAddr", tc.addr, "Host", tc.host)
		if w.Code != 200 {
			t.Errorf("RemoteAddr %s, Host %q: status %d, body %s", tc.addr, tc.host, w.Code, w.Body)
		}
	}
}

func TestAllowRemote(t *testing.T) {
	f := newFixture(t, AllowRemote())
	w := f.do("PUT", "/", `{"pattern":"http","for":"1m"}`, "RemoteAddr", "203.0.113.5:1234", "Host", "evil.example")
	s := f.state(w)
	if len(s.Overrides) != 1 {
		t.Errorf("overrides %+v", s.Overrides)
	}
	// The other checks stay.
	errorBody(t, f.do("PUT", "/", `{"pattern":"http"}`, "RemoteAddr", "203.0.113.5:1234", "Content-Type", "text/plain"),
		http.StatusUnsupportedMediaType, "expected application/json")
}

// TestRealServer serves over real loopback TCP, where the client sets
// RemoteAddr and Host itself.
func TestRealServer(t *testing.T) {
	f := newFixture(t)
	srv := httptest.NewServer(f.h)
	defer srv.Close()
	c := srv.Client()
	defer c.CloseIdleConnections()
	req, _ := http.NewRequest("PUT", srv.URL, strings.NewReader(`{"pattern":"saas.client","for":"2m"}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var s State
	err = json.NewDecoder(resp.Body).Decode(&s)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || len(s.Overrides) != 1 {
		t.Fatalf("PUT: %d, %+v, %v", resp.StatusCode, s, err)
	}
	// A page served under another name, rebound to 127.0.0.1.
	req, _ = http.NewRequest("GET", srv.URL, nil)
	req.Host = "attacker.example"
	resp, err = c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("Host attacker.example: status %d, want 403", resp.StatusCode)
	}
}

// TestUnixSocket serves over a Unix domain socket, whose RemoteAddr is not
// an IP address: the socket's mode protects it.
func TestUnixSocket(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix domain sockets in this test on Windows")
	}
	f := newFixture(t)
	sock := filepath.Join(t.TempDir(), "admin.sock")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(f.h)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	defer srv.Close()
	c := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "unix", sock)
		},
	}}
	defer c.CloseIdleConnections()
	resp, err := c.Get("http://localhost/debug/scopelog")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("status %d over a Unix socket, want 200", resp.StatusCode)
	}
}

// TestHead answers HEAD as GET, without the body.
func TestHead(t *testing.T) {
	f := newFixture(t)
	srv := httptest.NewServer(f.h)
	defer srv.Close()
	c := srv.Client()
	defer c.CloseIdleConnections()
	resp, err := c.Head(srv.URL + "?format=text")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Errorf("HEAD: %d, Content-Type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}
