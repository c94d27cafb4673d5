package admin

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"go.uber.org/zap/zapcore"

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

// Request is the JSON body of a PUT or POST: the override to set.
type Request struct {
	// Pattern is a rule pattern, as in the components file, with or
	// without a condition: "saas.client" or "saas.client[tenant=acme]".
	Pattern string `json:"pattern"`
	// Level is a zap level name; "" means debug.
	Level string `json:"level,omitempty"`
	// For is how long the override lasts, a Go duration such as "15m",
	// rounded down to the second. At most one of For and Until may be
	// given; with neither, the override lasts DefaultFor.
	For string `json:"for,omitempty"`
	// Until is when the override expires, in RFC 3339.
	Until string `json:"until,omitempty"`
	// Flush, alone in a POST, asks for a flush instead of an override: the
	// components the pattern covers write out the entries they recorded
	// (record=N), through registry.Registry.Flush. The answer is a
	// [Flushed].
	Flush string `json:"flush,omitempty"`
}

// Flushed is the answer to a flush request.
type Flushed struct {
	Pattern string `json:"pattern"`
	// Entries is the number of recorded entries written out.
	Entries int `json:"flushed"`
}

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

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.remote {
		if err := local(r); err != nil {
			writeError(w, http.StatusForbidden, err)
			return
		}
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		h.get(w, r)
	case http.MethodPut, http.MethodPost:
		h.put(w, r)
	case http.MethodDelete:
		h.delete(w, r)
	default:
		w.Header().Set("Allow", allow)
		writeError(w, http.StatusMethodNotAllowed, fmt.Errorf("method %s not allowed: expected %s", r.Method, allow))
	}
}

func (h *handler) get(w http.ResponseWriter, r *http.Request) {
	h.writeState(w, r)
}

func (h *handler) put(w http.ResponseWriter, r *http.Request) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, fmt.Errorf("content type %q: expected application/json", r.Header.Get("Content-Type")))
		return
	}
	if r.ContentLength > MaxBody {
		writeError(w, http.StatusRequestEntityTooLarge, errTooLarge)
		return
	}
	req, err := decode(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		status := http.StatusBadRequest
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			status, err = http.StatusRequestEntityTooLarge, errTooLarge
		}
		writeError(w, status, err)
		return
	}
	if req.Flush != "" {
		h.flush(w, r, req)
		return
	}
	level, until, err := req.parse(h.now())
	if err == nil {
		err = h.reg.Override(req.Pattern, level, until, registry.By("http "+r.RemoteAddr))
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	h.writeState(w, r)
}

func (h *handler) delete(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if !q.Has("pattern") {
		h.reg.ClearOverrides(registry.By("http " + r.RemoteAddr))
		h.writeState(w, r)
		return
	}
	pattern := q.Get("pattern")
	if pattern == "" {
		writeError(w, http.StatusBadRequest, errors.New("empty pattern: expected ?pattern=PATTERN, or no pattern to clear every override"))
		return
	}
	if !h.reg.ClearOverride(pattern, registry.By("http "+r.RemoteAddr)) {
		writeError(w, http.StatusNotFound, fmt.Errorf("no override for pattern %q", pattern))
		return
	}
	h.writeState(w, r)
}

// flush serves a flush request: POST only, since each one writes entries
// out, and with no override field beside "flush".
func (h *handler) flush(w http.ResponseWriter, r *http.Request, req Request) {
	var err error
	switch {
	case r.Method != http.MethodPost:
		err = errors.New(`"flush" needs POST: each flush writes entries out`)
	case req.Pattern != "" || req.Level != "" || req.For != "" || req.Until != "":
		err = errors.New(`"flush" with an override's fields: expected {"flush":"PATTERN"} alone`)
	default:
		err = registry.CheckPattern(req.Flush)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, Flushed{Pattern: req.Flush, Entries: h.reg.Flush(req.Flush)})
}

var errTooLarge = fmt.Errorf("request body over %d bytes", MaxBody)

// decode reads one JSON object, and nothing after it.
func decode(body io.Reader) (Request, error) {
	var req Request
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		if errors.Is(err, io.EOF) {
			return req, errors.New(`empty body: expected a JSON object such as {"pattern":"db","level":"debug","for":"15m"}`)
		}
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return req, err
		}
		return req, fmt.Errorf("malformed request: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return req, err
		}
		return req, errors.New("malformed request: data after the JSON object")
	}
	return req, nil
}

const levelList = "debug, info, warn, error, dpanic, panic or fatal"

// parse checks the fields the registry does not: the level's name, and the
// duration or time.
func (req Request) parse(now time.Time) (zapcore.Level, time.Time, error) {
	if req.Pattern == "" {
		return 0, time.Time{}, errors.New(`missing "pattern": expected a rule pattern such as "saas.client" or "db.*"`)
	}
	level := zapcore.DebugLevel
	if req.Level != "" {
		l, err := zapcore.ParseLevel(strings.ToLower(req.Level))
		if err != nil {
			return 0, time.Time{}, fmt.Errorf("unknown level %q: expected %s", req.Level, levelList)
		}
		level = l
	}
	switch {
	case req.For != "" && req.Until != "":
		return 0, time.Time{}, errors.New(`both "for" and "until": expected one of them`)
	case req.Until != "":
		until, err := time.Parse(time.RFC3339, req.Until)
		if err != nil {
			return 0, time.Time{}, fmt.Errorf("bad until %q: expected an RFC 3339 time such as 2026-11-26T15:00:00Z", req.Until)
		}
		return level, until, nil
	}
	d := DefaultFor
	if req.For != "" {
		var err error
		if d, err = time.ParseDuration(req.For); err != nil {
			return 0, time.Time{}, fmt.Errorf("bad for %q: expected a duration such as 90s, 15m or 2h", req.For)
		}
		if d < time.Second {
			return 0, time.Time{}, fmt.Errorf("for %q: expected at least 1s", req.For)
		}
	}
	// Whole seconds read better in the state and the logs.
	return level, now.Add(d).Truncate(time.Second), nil
}

// writeState answers with the registry's state, as JSON or as text.
func (h *handler) writeState(w http.ResponseWriter, r *http.Request) {
	text, err := wantsText(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
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

// wantsText reports whether the client asked for the text form, with
// ?format=text or an Accept header that names text/plain before JSON.
func wantsText(r *http.Request) (bool, error) {
	switch f := r.URL.Query().Get("format"); f {
	case "text":
		return true, nil
	case "json":
		return false, nil
	case "":
	default:
		return false, fmt.Errorf("unknown format %q: expected json or text", f)
	}
	for _, v := range r.Header.Values("Accept") {
		for part := range strings.SplitSeq(v, ",") {
			mt, _, err := mime.ParseMediaType(part)
			if err != nil {
				continue
			}
			switch mt {
			case "text/plain":
				return true, nil
			case "application/json":
				return false, nil
			}
		}
	}
	return false, nil
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
	writeJSON(w, status, struct {
		Error string `json:"error"`
	}{err.Error()})
}
