package main

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/scopelog/scopelog/admin"
)

func (e *env) flush(args []string) error {
	fs := e.newFlagSet("flush", "-url URL PATTERN",
		`Flush makes a running process write out, now, the entries that the
components PATTERN covers have recorded (a rule with record=N), oldest
first, through their normal logs, and prints how many. "*" is every
component.`)
	target := fs.String("url", "", "the admin handler, such as http://127.0.0.1:8000/debug/scopelog")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(rest) == 0:
		return usagef(fs, "a PATTERN is required, such as saas.client or '*'")
	case len(rest) > 1:
		return usagef(fs, "unexpected argument %q", rest[1])
	case *target == "":
		return usagef(fs, "-url is required")
	}
	if err := checkURL(*target); err != nil {
		return usagef(fs, "-url %v", err)
	}
	b, err := e.do(http.MethodPost, *target, "application/json", admin.Request{Flush: rest[0]})
	if err != nil {
		return err
	}
	var f admin.Flushed
	if err := json.Unmarshal(b, &f); err != nil || f.Pattern != rest[0] {
		return fmt.Errorf("POST %s: not the answer of an admin handler to a flush: %s", *target, b)
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
