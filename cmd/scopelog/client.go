package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/scopelog/scopelog/admin"
)

// maxResponse bounds what the command reads from a server.
const maxResponse = 16 << 20

// do sends a request to a process's admin handler and returns the body of a
// 200 answer. Any other status is an error that carries the server's
// message.
func (e *env) do(method, target, accept string, body any) ([]byte, error) {
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
	req.Header.Set("Accept", accept)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := e.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, target, err)
	}
	if resp.StatusCode != http.StatusOK {
		var msg struct{ Error string }
		if json.Unmarshal(b, &msg) != nil || msg.Error == "" {
			msg.Error = strings.TrimSpace(string(b))
		}
		return nil, fmt.Errorf("%s %s: %s: %s", method, target, resp.Status, msg.Error)
	}
	return b, nil
}

// state reads a process's state from its admin handler.
func (e *env) state(target string) (admin.State, error) {
	var s admin.State
	b, err := e.do(http.MethodGet, target, "application/json", nil)
	if err != nil {
		return s, err
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, fmt.Errorf("GET %s: not the state of an admin handler: %w", target, err)
	}
	return s, nil
}

// checkURL refuses what cannot be an admin handler's URL, before any
// request.
func checkURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("%q: expected an http:// or https:// URL, such as http://127.0.0.1:8000/debug/scopelog", s)
	}
	return nil
}

func (e *env) list(args []string) error {
	fs := e.newFlagSet("list", "-url URL [-json]",
		`List prints the state of a running process from its admin handler: every
component with its level, the rule that set it and when that rule expires,
then the overrides in force and the last reload.`)
	target := fs.String("url", "", "the admin handler, such as http://127.0.0.1:8000/debug/scopelog")
	raw := fs.Bool("json", false, "print the handler's JSON as it is")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef(fs, "unexpected argument %q", rest[0])
	}
	if *target == "" {
		return usagef(fs, "-url is required")
	}
	if err := checkURL(*target); err != nil {
		return usagef(fs, "-url %v", err)
	}
	accept := "text/plain"
	if *raw {
		accept = "application/json"
	}
	b, err := e.do(http.MethodGet, *target, accept, nil)
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(b)
	return err
}
