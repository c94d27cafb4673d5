package scopehttp

import (
	"io"
	"net/http"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
)

// twoServices starts a downstream service, the "SaaS API", and a front
// one whose handler calls it through Transport; both log to s.
func twoServices(t *testing.T, s *sink, frontOpts, backOpts []Option) (front string, seenID chan string) {
	t.Helper()
	api := s.logger("saas.api")
	seenID = make(chan string, 1)
	back := serve(t, NewHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seenID <- r.Header.Get(RequestIDHeader)
		api.Ctx(r.Context()).Debug("api call")
		w.Write([]byte("data"))
	}), backOpts...))
	client := &http.Client{Transport: Transport(nil)}
	saas := s.logger("saas.client")
	srv := serve(t, NewHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		saas.Ctx(r.Context()).Debug("calling")
		req, _ := http.NewRequestWithContext(r.Context(), "GET", back.URL, nil)
		resp, err := client.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		io.Copy(w, resp.Body)
		resp.Body.Close()
	}), frontOpts...))
	t.Cleanup(client.CloseIdleConnections)
	return srv.URL, seenID
}

func TestTransportForwardsTheGrantAndTheRequestID(t *testing.T) {
	var s sink
	front, ids := twoServices(t, &s, []Option{WithKey(testKey)}, []Option{WithKey(testKey)})
	tok := sign(t, testKey, "saas", zapcore.DebugLevel, time.Now().Add(time.Hour))
	fetch(t, front, http.Header{Header: {tok}, RequestIDHeader: {"req-1"}})
	if id := <-ids; id != "req-1" {
		t.Errorf("downstream request id %q", id)
	}
	got := s.entries(t)
	if len(got) != 2 || got[0]["msg"] != "calling" || got[1]["msg"] != "api call" || got[0]["scope"] != got[1]["scope"] {
		t.Fatalf("entries %v", got)
	}
	// Without a header: the id still follows, and nothing is written.
	fetch(t, front, nil)
	if id := <-ids; !hexID.MatchString(id) {
		t.Errorf("downstream request id %q", id)
	}
	if n := len(s.entries(t)); n != 2 {
		t.Errorf("a request without a header wrote %d entries", n-2)
	}
}

func TestTransportDoesNotForwardAnIgnoredHeader(t *testing.T) {
	var s sink
	// The front service has no key: it ignores the header, and must not
	// pass it to a downstream service that has one.
	front, ids := twoServices(t, &s, []Option{WithLogger(component.New("q", zapcore.NewNopCore(), nil))}, []Option{WithKey(testKey)})
	tok := sign(t, testKey, "saas", zapcore.DebugLevel, time.Now().Add(time.Hour))
	fetch(t, front, http.Header{Header: {tok}})
	<-ids
	if got := s.entries(t); len(got) != 0 {
		t.Fatalf("entries %v", got)
	}
}

func TestTransportLeavesOtherRequestsAlone(t *testing.T) {
	got := make(chan http.Header, 1)
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got <- r.Header.Clone() }))
	client := &http.Client{Transport: Transport(nil)}
	defer client.CloseIdleConnections()
	req, _ := http.NewRequest("GET", srv.URL, nil)
	req.Header.Set(Header, "left alone")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	h := <-got
	if h.Get(RequestIDHeader) != "" || h.Get(Header) != "left alone" {
		t.Errorf("headers %v", h)
	}
}

type idleCloser struct {
	http.RoundTripper
	closed bool
}

func (c *idleCloser) CloseIdleConnections() { c.closed = true }

func TestTransportClosesIdleConnectionsOfItsBase(t *testing.T) {
	base := &idleCloser{RoundTripper: http.DefaultTransport}
	(&http.Client{Transport: Transport(base)}).CloseIdleConnections()
	if !base.closed {
		t.Error("CloseIdleConnections did not reach the base transport")
	}
}
