package admin

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"time"

	"github.com/scopelog/scopelog/registry"
)

// MaxBody is the largest request body the handler reads; larger ones get
// 413 Request Entity Too Large.
const MaxBody = 64 << 10

// DefaultFor is how long an override lasts when a request gives neither
// "for" nor "until".
const DefaultFor = time.Hour

// allow lists the methods the handler serves, for 405's Allow header.
const allow = "GET, HEAD, PUT, POST, DELETE"

// Option configures a Handler.
type Option interface {
	apply(*handler)
}

type optionFunc func(*handler)

func (f optionFunc) apply(h *handler) { f(h) }

// AllowRemote lets the handler answer requests from any address, under any
// Host name. Use it only behind the program's own authentication and
// authorization: the handler has none of its own, and whoever reaches it can
// turn on debug lines. See the package documentation's "Security".
func AllowRemote() Option {
	return optionFunc(func(h *handler) { h.remote = true })
}

type handler struct {
	reg    *registry.Registry
	remote bool
	now    func() time.Time
}

// Handler returns the handler of reg's state and overrides. It serves one
// path, wherever it is mounted; the package documentation describes its
// methods, bodies and status codes.
func Handler(reg *registry.Registry, opts ...Option) http.Handler {
	h := &handler{reg: reg, now: time.Now}
	for _, o := range opts {
		o.apply(h)
	}
	return h
}

// ServeHTTP checks the whole request, its query included, before it changes
// anything: a request that gets an error has changed nothing.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.remote {
		if err := local(r); err != nil {
			writeError(w, http.StatusForbidden, err)
			return
		}
	}
	var err error
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		err = h.get(w, r)
	case http.MethodPut, http.MethodPost:
		err = h.put(w, r)
	case http.MethodDelete:
		err = h.delete(w, r)
	default:
		w.Header().Set("Allow", allow)
		err = &statusError{status: http.StatusMethodNotAllowed, err: fmt.Errorf("method %s not allowed: expected %s", r.Method, allow)}
	}
	if err != nil {
		status, body := http.StatusBadRequest, Refusal{Message: err.Error()}
		if se, ok := errors.AsType[*statusError](err); ok {
			status, body.DidYouMean = se.status, se.didYouMean
		}
		writeJSON(w, status, body)
	}
}

// Refusal is the JSON body of every answer but a success:
// {"error":"unknown level \"verbose\": ..."}.
type Refusal struct {
	Message string `json:"error"`
	// DidYouMean is, in the 404 to an override whose pattern covers no
	// registered component, the registered name closest to the pattern,
	// if one is close enough to be a likely typo.
	DidYouMean string `json:"did_you_mean,omitempty"`
}

// statusError is a refusal with another status than 400 Bad Request.
type statusError struct {
	status int
	err    error
	// didYouMean is the suggestion of a 404 to an unmatched pattern.
	didYouMean string
}

func (e *statusError) Error() string { return e.err.Error() }

func (h *handler) get(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r, "format")
	if err != nil {
		return err
	}
	text, err := wantsText(r, q)
	if err != nil {
		return err
	}
	h.writeState(w, text)
	return nil
}

// put sets the override of a PUT or POST, or serves a flush: a POST with
// ?flush=, or one whose body is {"flush": ...}.
func (h *handler) put(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r, "format", "flush")
	if err != nil {
		return err
	}
	if q.Has("flush") {
		return h.flushQuery(w, r, q)
	}
	text, err := wantsText(r, q)
	if err != nil {
		return err
	}
	req, err := readRequest(w, r)
	if err != nil {
		return err
	}
	if req.Flush != "" {
		return h.flushBody(w, r, req)
	}
	level, until, err := req.parse(h.now())
	if err != nil {
		return err
	}
	opts := []registry.OverrideOption{registry.By("http " + r.RemoteAddr)}
	if !req.AllowUnmatched {
		opts = append(opts, registry.RequireMatch())
	}
	if err := h.reg.Override(req.Pattern, level, until, opts...); err != nil {
		if ue, ok := errors.AsType[*registry.UnmatchedError](err); ok {
			err = fmt.Errorf(`%w (with "allow_unmatched": true, the override is set anyway, for a component registered later)`, err)
			return &statusError{status: http.StatusNotFound, err: err, didYouMean: ue.Suggestion}
		}
		return err
	}
	h.writeState(w, text)
	return nil
}

func (h *handler) delete(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r, "pattern", "all", "format")
	if err != nil {
		return err
	}
	text, err := wantsText(r, q)
	if err != nil {
		return err
	}
	by := registry.By("http " + r.RemoteAddr)
	switch {
	case q.Has("pattern") && q.Has("all"):
		return errors.New("both ?pattern= and ?all=: give ?pattern=PATTERN to clear one override, or ?all=true to clear them all")
	case q.Has("all"):
		if all := q.Get("all"); all != "true" {
			return fmt.Errorf("all=%s: expected all=true to clear every override", quote(all))
		}
		h.reg.ClearOverrides(by)
	case q.Has("pattern"):
		pattern := q.Get("pattern")
		if err := registry.CheckPattern(pattern); err != nil {
			return err
		}
		if !h.reg.ClearOverride(pattern, by) {
			return &statusError{status: http.StatusNotFound, err: fmt.Errorf("no override for pattern %s", quote(pattern))}
		}
	default:
		return errors.New("DELETE needs ?pattern=PATTERN to clear one override, or ?all=true to clear them all")
	}
	h.writeState(w, text)
	return nil
}

// checkJSON refuses a write without a JSON content type, which a browser
// sends cross-origin only after a CORS preflight that the handler never
// grants.
func checkJSON(r *http.Request) error {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return &statusError{status: http.StatusUnsupportedMediaType, err: fmt.Errorf("content type %s: expected application/json", quote(r.Header.Get("Content-Type")))}
	}
	return nil
}

// writeState answers with the registry's state, as JSON or as text.
func (h *handler) writeState(w http.ResponseWriter, text bool) {
	w.Header().Set("Vary", "Accept")
	w.Header().Set("Cache-Control", "no-store")
	s := snapshot(h.reg)
	if text {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_ = s.WriteText(w, h.now())
		return
	}
	writeJSON(w, http.StatusOK, s)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		// The state's types always marshal; this is a bug, not bad input.
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

func writeError(w http.ResponseWriter, status int, err error) {
	writeJSON(w, status, Refusal{Message: err.Error()})
}
