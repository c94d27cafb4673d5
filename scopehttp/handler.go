package scopehttp

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/internal/slogcore"
)

// RequestIDHeader is the header of a request's id, read from the request
// and written in the response.
const RequestIDHeader = "X-Request-Id"

// MaxRequestID is the longest request id taken from a request, in bytes.
const MaxRequestID = 128

// handler is what NewHandler returns.
type handler struct {
	next     http.Handler
	proxies  []netip.Prefix
	key      []byte
	keyErr   error
	maxGrant time.Duration
	pool     *component.RecorderPool
	log      *component.Logger
	now      func() time.Time
	warn     warner
}

// NewHandler returns a handler that serves each request with next, in a
// context that carries the request's scope: see the package documentation.
func NewHandler(next http.Handler, opts ...Option) http.Handler {
	c := config{maxGrant: DefaultMaxGrant, budget: DefaultRecorderBudget, now: time.Now, warnEvery: time.Minute}
	for _, o := range opts {
		o.apply(&c)
	}
	h := &handler{next: next, proxies: c.proxies, key: c.key, maxGrant: c.maxGrant, log: c.log, now: c.now}
	h.warn.every = c.warnEvery
	if h.log == nil {
		h.log = component.New("scopehttp", slogcore.New(slog.Default().Handler()), nil)
	}
	if c.keyFile != "" {
		h.key, h.keyErr = ReadKeyFile(c.keyFile)
		if h.keyErr != nil {
			h.log.Error("signed debug headers are off: the key file is refused", zap.Error(h.keyErr))
			stats.keyErrors.Add(1)
		}
	}
	if c.record > 0 {
		h.pool = component.NewRecorderPool(c.record, c.budget)
	}
	return h
}

// ctxKey is the context key of what Transport forwards.
type ctxKey struct{}

// state is what the handler keeps for one request.
type state struct {
	fwd forward
	w   statusWriter
}

// forward is what Transport forwards of the request being served.
type forward struct {
	id    string
	token string // the debug header, if it granted
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get(RequestIDHeader)
	if len(id) > MaxRequestID || component.CheckScopeValue(id) != nil {
		id = newID()
	}
	w.Header().Set(RequestIDHeader, id)
	ctx := component.WithScope(r.Context(), "request", id)
	if ip := h.clientIP(r); ip != "" {
		ctx = component.WithScope(ctx, "ip", ip)
	}
	// One allocation for what the request needs of its own.
	st := &state{fwd: forward{id: id}}
	fwd := &st.fwd
	if toks := r.Header.Values(Header); len(toks) > 0 {
		if t, ok := h.grant(toks); ok {
			var end func()
			ctx, end = component.WithGrant(ctx, component.Grant{ID: t.id, Level: t.level, Covers: t.covers(), Condition: t.cond})
			defer end()
			fwd.token = toks[0]
		}
	}
	ctx = context.WithValue(ctx, ctxKey{}, fwd)
	if h.pool == nil {
		h.next.ServeHTTP(w, r.WithContext(ctx))
		return
	}
	ctx, rec := h.pool.Start(ctx, id)
	if rec == nil {
		stats.recorderRefused.Add(1)
		h.next.ServeHTTP(w, r.WithContext(ctx))
		return
	}
	defer rec.End()
	sw := &st.w
	sw.ResponseWriter = w
	defer func() {
		if v := recover(); v != nil {
			if rec.Flush("a panic") > 0 {
				stats.flushes.Add(1)
			}
			panic(v)
		}
	}()
	h.next.ServeHTTP(sw, r.WithContext(ctx))
	if sw.status >= 500 && rec.Flush("status "+itoa(sw.status)) > 0 {
		stats.flushes.Add(1)
	}
}

// grant checks the debug header, counting and warning about a refused
// one. Two headers are one too many: both are ignored.
func (h *handler) grant(toks []string) (token, bool) {
	why := malformed
	var t token
	if len(toks) == 1 {
		t, why = check(h.key, toks[0], h.now(), h.maxGrant)
		if h.keyErr != nil && why != tooLong {
			why = noKey
		}
	}
	if why == accepted {
		stats.grants.Add(1)
		return t, true
	}
	stats.ignored[why].Add(1)
	if n, ok := h.warn.due(h.now()); ok {
		h.log.Warn("ignored signed debug headers: the requests were served as without them",
			zap.Stringer("reason", why), zap.Uint64("ignored", n))
	}
	return token{}, false
}

// warner lets one Warn through per period, and counts those it holds back.
type warner struct {
	every time.Duration
	last  atomic.Int64 // Unix nanoseconds of the last Warn; 0 before the first
	held  atomic.Uint64
}

// due counts one event, and reports whether a Warn is due, with the
// number of events it covers.
func (w *warner) due(now time.Time) (uint64, bool) {
	w.held.Add(1)
	last := w.last.Load()
	if last != 0 && now.UnixNano()-last < int64(w.every) {
		return 0, false
	}
	if !w.last.CompareAndSwap(last, max(now.UnixNano(), 1)) {
		return 0, false
	}
	return w.held.Swap(0), true
}

// clientIP returns the client's address: the peer's, or with trusted
// proxies, the rightmost address of X-Forwarded-For that is not one of
// theirs.
func (h *handler) clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	peer = peer.Unmap()
	if !h.trusted(peer) {
		return peer.String()
	}
	hops := r.Header.Values("X-Forwarded-For")
	for i := len(hops) - 1; i >= 0; i-- {
		list := strings.Split(hops[i], ",")
		for j := len(list) - 1; j >= 0; j-- {
			a, err := netip.ParseAddr(strings.TrimSpace(list[j]))
			if err != nil {
				// A hop that is not an address: the client is past
				// what a trusted proxy vouches for.
				return peer.String()
			}
			if a = a.Unmap(); !h.trusted(a) {
				return a.String()
			}
			peer = a
		}
	}
	return peer.String()
}

func (h *handler) trusted(a netip.Addr) bool {
	for _, p := range h.proxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// newID returns a new request id: 16 lowercase hex digits.
func newID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

// statusWriter notes the status a handler writes.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 && code >= 200 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the writer's other methods.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Flush makes the writer an http.Flusher when the one it wraps is.
func (w *statusWriter) Flush() {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	_ = http.NewResponseController(w.ResponseWriter).Flush()
}
