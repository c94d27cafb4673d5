package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/scopelog/scopelog/admin"
)

func (e *env) flush(args []string) error {
	fs := e.newFlagSet("flush", "[-url URL | -pid N | -pidfile F] PATTERN",
		`Flush makes a running process write out, now, the entries that the
components PATTERN covers have recorded (a rule with record=N), oldest
first, through their normal logs, and prints how many. "*" is every
component. The process is -url's (or $SCOPELOG_URL's) admin handler, or
the admin socket of -pid, -pidfile or the only process that serves one.`)
	var w where
	w.flags(fs, false)
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(rest) == 0:
		return usagef(fs, "a PATTERN is required, such as saas.client or '*'")
	case len(rest) > 1:
		return usagef(fs, "unexpected argument %s", quote(rest[1]))
	}
	t, err := e.resolve(fs, w)
	if err != nil {
		return err
	}
	// The process judges the pattern, with its registry's grammar.
	pattern := rest[0]
	b, err := e.do(http.MethodPost, withQuery(t.url, "flush", pattern), nil)
	if se, ok := errors.AsType[*serverError](err); ok {
		se.target = t.url // the pattern follows in the message
	}
	if err != nil {
		return err
	}
	var f admin.Flushed
	if err := json.Unmarshal(b, &f); err != nil || f.Pattern != pattern || f.Entries < 0 {
		return fmt.Errorf("POST %s: not the answer of an admin handler to a flush: %s", t.url, shown(b))
	}
	_, err = fmt.Fprintf(e.stdout, "flushed %d recorded %s of %s\n", f.Entries, plural(f.Entries, "entry", "entries"), f.Pattern)
	return err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
