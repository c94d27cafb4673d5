package admin

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/scopelog/scopelog/registry"
)

// Flushed is the answer to a flush request.
type Flushed struct {
	Pattern string `json:"pattern"`
	// Entries is the number of recorded entries written out.
	Entries int `json:"flushed"`
}

// flushQuery serves POST ?flush=PATTERN, whose body is empty: the components
// the pattern covers write out the entries they recorded (record=N).
func (h *handler) flushQuery(w http.ResponseWriter, r *http.Request, q url.Values) error {
	if r.Method != http.MethodPost {
		return errors.New("?flush= needs POST: each flush writes entries out")
	}
	if len(q) > 1 {
		return errors.New("?flush= with other query parameters: expected ?flush=PATTERN alone; the answer is JSON")
	}
	// The JSON content type, like every write's, keeps a web page from
	// sending it cross-origin.
	if err := checkJSON(r); err != nil {
		return err
	}
	n, err := io.Copy(io.Discard, io.LimitReader(r.Body, 1))
	if err != nil {
		return fmt.Errorf("reading the body: %w", err)
	}
	if n > 0 || r.ContentLength > 0 {
		return errors.New("?flush= with a body: expected an empty body")
	}
	return h.flush(w, q.Get("flush"))
}

// flushBody serves the deprecated form, a POST whose body is
// {"flush": PATTERN} with no override field beside it.
func (h *handler) flushBody(w http.ResponseWriter, r *http.Request, req Request) error {
	switch {
	case r.Method != http.MethodPost:
		return errors.New(`"flush" needs POST: each flush writes entries out`)
	case req.Pattern != "" || req.Level != "" || req.For != "" || req.Until != "" || req.AllowUnmatched:
		return errors.New(`"flush" with an override's fields: expected {"flush":"PATTERN"} alone, or better POST ?flush=PATTERN with no body`)
	}
	return h.flush(w, req.Flush)
}

func (h *handler) flush(w http.ResponseWriter, pattern string) error {
	if err := registry.CheckPattern(pattern); err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, Flushed{Pattern: pattern, Entries: h.reg.Flush(pattern)})
	return nil
}
