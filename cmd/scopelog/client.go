package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/scopelog/scopelog/admin"
	"github.com/scopelog/scopelog/internal/termsafe"
)

// maxResponse bounds what the command reads of a server's answer, and
// maxRefusal of an answer other than 200; maxShown bounds what it prints of
// an answer it does not understand, or of a server's message.
const (
	maxResponse = 16 << 20
	maxRefusal  = 64 << 10
	maxShown    = 4 << 10
)

// serverError is an answer other than 200 from an admin handler.
type serverError struct {
	method, target string
	status         string
	code           int
	refusal        admin.Refusal // Message is what to show: escaped and bounded
}

func (e *serverError) Error() string {
	return fmt.Sprintf("%s %s: %s: %s", e.method, e.target, e.status, e.refusal.Message)
}

// do sends a request to a process's admin handler and returns the body of a
// 200 answer. Any other status is a *serverError that carries the server's
// message, escaped and cut to 4 KiB: a server may send anything.
func (e *env) do(method, target string, body any) ([]byte, error) {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, target, r)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	if method != http.MethodGet {
		// Every write carries it, the flush with no body too.
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := e.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	limit := maxResponse
	if resp.StatusCode != http.StatusOK {
		limit = maxRefusal
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, target, err)
	}
	if resp.StatusCode == http.StatusOK && len(b) > maxResponse {
		return nil, fmt.Errorf("%s %s: an answer over %d bytes: not an admin handler's", method, target, maxResponse)
	}
	if resp.StatusCode != http.StatusOK {
		se := &serverError{method: method, target: target, status: resp.Status, code: resp.StatusCode}
		if json.Unmarshal(b, &se.refusal) != nil || se.refusal.Message == "" {
			se.refusal = admin.Refusal{Message: string(bytes.TrimSpace(b))}
		}
		se.refusal.Message = shown([]byte(se.refusal.Message))
		se.refusal.DidYouMean = shown([]byte(se.refusal.DidYouMean))
		return nil, se
	}
	return b, nil
}

// state reads a process's state from its admin handler.
func (e *env) state(target string) (admin.State, error) {
	b, err := e.do(http.MethodGet, target, nil)
	if err != nil {
		return admin.State{}, err
	}
	return decodeState("GET "+target, b)
}

// decodeState decodes the answer of an admin handler, which must be a
// state: {}, null or another JSON value is not one.
func decodeState(what string, b []byte) (admin.State, error) {
	var s admin.State
	var has struct{ Components, Overrides json.RawMessage }
	err := json.Unmarshal(b, &s)
	if err == nil {
		err = json.Unmarshal(b, &has)
	}
	if err == nil && (!isArray(has.Components) || !isArray(has.Overrides)) {
		err = errors.New(`no "components" and "overrides" lists`)
	}
	if err != nil {
		return admin.State{}, fmt.Errorf("%s: not the state of an admin handler: %v; it answered %s", what, err, shown(b))
	}
	return s, nil
}

func isArray(m json.RawMessage) bool { return len(m) > 0 && m[0] == '[' }

// shown is what the command prints of an answer, or of a message in it:
// escaped, then cut to 4 KiB.
func shown(b []byte) string {
	return termsafe.Clip(termsafe.Escape(string(b)), maxShown)
}

// withQuery returns target with the query parameter name=value added.
func withQuery(target, name, value string) string {
	u, err := url.Parse(target)
	if err != nil {
		return target // checkURL has parsed it
	}
	q := u.Query()
	q.Set(name, value)
	u.RawQuery = q.Encode()
	return u.String()
}

func (e *env) list(args []string) error {
	fs := e.newFlagSet("list", "[-url URL | -pid N | -pidfile F] [-json]",
		`List prints the state of a running process from its admin handler: every
component with its level, the rule that set it and when that rule expires,
then the overrides in force and the last reload. Whatever the process
answers is checked to be a state and printed with its control characters
escaped, in the text form or, with -json, as JSON.

With no -url (nor $SCOPELOG_URL), -pid or -pidfile, it looks for the
processes of yours (every user's, for root) that serve an admin socket
(scopelog.Open): with one, it prints its state; with several, a line for
each, its pid, program, and how many components and overrides it has.`)
	var w where
	w.flags(fs, false)
	raw := fs.Bool("json", false, "print the state as JSON, one line")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef(fs, "unexpected argument %s", quote(rest[0]))
	}
	if w.url == "" && w.pid == 0 && w.pidfile == "" && e.getenv(envURL) == "" {
		procs, err := e.listProcs(fs)
		if err != nil {
			return err
		}
		if len(procs) > 1 {
			return e.printProcs(e.stdout, procs)
		}
	}
	t, err := e.resolve(fs, w)
	if err != nil {
		return err
	}
	s, err := e.state(t.url)
	if err != nil {
		return err
	}
	if !*raw {
		return s.WriteText(e.stdout, e.now())
	}
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(append(termsafe.EscapeJSON(b), '\n'))
	return err
}
