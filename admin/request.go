package admin

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/internal/rulevalue"
)

// Request is the JSON body of a PUT or POST: the override to set.
type Request struct {
	// Pattern is a rule pattern, as in the components file.
	Pattern string `json:"pattern"`
	// Level is a level name, as in the components file, in any case; ""
	// means debug.
	Level string `json:"level,omitempty"`
	// For is how long the override lasts, from when the handler gets the
	// request: a duration such as "90s", "15m", "1h30m" or "2d", from 1s.
	// At most one of For and Until may be given; with neither, the override
	// lasts DefaultFor.
	For string `json:"for,omitempty"`
	// Until is when the override expires, in RFC 3339 with an offset or Z,
	// as until= in the components file.
	Until string `json:"until,omitempty"`
	// AllowUnmatched sets the override even if its pattern covers no
	// registered component, for one registered later. Without it, such a
	// pattern, most likely a typo, is refused with 404 and the closest
	// registered name.
	AllowUnmatched bool `json:"allow_unmatched,omitempty"`
	// Flush, alone in a POST, asks for a flush instead of an override.
	//
	// Deprecated: POST with the query ?flush=PATTERN and no body.
	Flush string `json:"flush,omitempty"`
}

var errTooLarge = &statusError{status: http.StatusRequestEntityTooLarge, err: fmt.Errorf("request body over %d bytes", MaxBody)}

// readRequest checks the content type and reads the body of a write.
func readRequest(w http.ResponseWriter, r *http.Request) (Request, error) {
	if err := checkJSON(r); err != nil {
		return Request{}, err
	}
	if r.ContentLength > MaxBody {
		return Request{}, errTooLarge
	}
	req, err := decode(http.MaxBytesReader(w, r.Body, MaxBody))
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return Request{}, errTooLarge
	}
	return req, err
}

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

// parse checks the fields the registry does not: the level's name, and the
// duration or time, with the parser of the components file.
func (req Request) parse(now time.Time) (zapcore.Level, time.Time, error) {
	if req.Pattern == "" {
		return 0, time.Time{}, errors.New(`missing "pattern": expected a rule pattern such as "saas.client" or "db.*"`)
	}
	level := zapcore.DebugLevel
	if req.Level != "" {
		l, err := rulevalue.ParseLevel(req.Level)
		if err != nil {
			return 0, time.Time{}, fmt.Errorf(`"level": %w`, err)
		}
		level = l
	}
	switch {
	case req.For != "" && req.Until != "":
		return 0, time.Time{}, errors.New(`both "for" and "until": expected one of them`)
	case req.Until != "":
		until, err := rulevalue.ParseUntil(req.Until)
		if err != nil {
			return 0, time.Time{}, fmt.Errorf(`"until": %w`, err)
		}
		return level, until, nil
	}
	d := DefaultFor
	if req.For != "" {
		var err error
		if d, err = rulevalue.ParseDuration(req.For); err != nil {
			return 0, time.Time{}, fmt.Errorf(`"for": %w`, err)
		}
	}
	// The duration is not rounded: an override asked for d lasts at least
	// d from when the request came, less the millisecond that keeps the
	// state readable.
	return level, now.Add(d).Truncate(time.Millisecond), nil
}
