package scopehttp

import "net/http"

// Transport returns a RoundTripper that carries the request being served
// onward, through base (http.DefaultTransport if nil): an outgoing request
// made with the context of a request that NewHandler serves gets its
// X-Request-Id (unless it has one), and, if a debug header granted that
// request, the same Scopelog-Debug header, so that a downstream service
// with the same key debugs the same request. Requests made with any other
// context go out unchanged.
//
//	client := &http.Client{Transport: scopehttp.Transport(nil)}
//	req, _ := http.NewRequestWithContext(r.Context(), "GET", url, nil)
func Transport(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return transport{base}
}

type transport struct{ base http.RoundTripper }

func (t transport) RoundTrip(r *http.Request) (*http.Response, error) {
	f, _ := r.Context().Value(ctxKey{}).(*forward)
	if f == nil {
		return t.base.RoundTrip(r)
	}
	// A RoundTripper must not change the request it is given.
	out := r.Clone(r.Context())
	if out.Header.Get(RequestIDHeader) == "" {
		out.Header.Set(RequestIDHeader, f.id)
	}
	out.Header.Del(Header)
	if f.token != "" {
		out.Header.Set(Header, f.token)
	}
	return t.base.RoundTrip(out)
}

// CloseIdleConnections closes the idle connections of base, if it can, so
// that http.Client.CloseIdleConnections reaches them through Transport.
func (t transport) CloseIdleConnections() {
	if c, ok := t.base.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}
