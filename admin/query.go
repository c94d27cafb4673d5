package admin

import (
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/scopelog/scopelog/internal/rulevalue"
)

// query returns the query parameters of r, or an error if one is not among
// allowed, is given twice, or the query does not parse. A misspelled
// parameter must not read as an absent one: DELETE ?Pattern=db would clear
// every override.
func query(r *http.Request, allowed ...string) (url.Values, error) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, fmt.Errorf("malformed query: %v", err)
	}
	for name, values := range q {
		if !slices.Contains(allowed, name) {
			return nil, fmt.Errorf("unknown query parameter %s: expected %s", quote(name), strings.Join(allowed, ", "))
		}
		if len(values) > 1 {
			return nil, fmt.Errorf("query parameter %s given %d times: give it once", quote(name), len(values))
		}
	}
	return q, nil
}

// wantsText reports whether the client asked for the text form, with
// ?format=text or an Accept header that names text/plain before JSON.
func wantsText(r *http.Request, q url.Values) (bool, error) {
	switch f := q.Get("format"); f {
	case "text":
		return true, nil
	case "json":
		return false, nil
	case "":
		if q.Has("format") {
			return false, fmt.Errorf("empty format: expected format=json or format=text")
		}
	default:
		return false, fmt.Errorf("unknown format %s: expected json or text", quote(f))
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

// quote quotes input for a message, within bounds.
func quote(s string) string { return rulevalue.Quote(s) }
