package main

import (
	"flag"
	"fmt"
	"time"

	"github.com/scopelog/scopelog/internal/rulevalue"
	"github.com/scopelog/scopelog/scopehttp"
)

func (e *env) grant(args []string) error {
	fs := e.newFlagSet("grant", "-key FILE [-for D | -until T] PATTERN[=LEVEL]",
		`Grant prints a signed debug header, ready for curl -H:

  curl -H "$(scopelog grant -key /etc/myapp/debug.key saas.client)" https://myapp/report

A server whose handler is wrapped by scopehttp.NewHandler with the same key
then writes the debug lines of the components PATTERN covers, at LEVEL
(debug if not given), for the requests that carry the header, and only for
them, until it expires: -for, 15m by default, such as 90s, 15m or 1h30m; or
-until, an RFC 3339 time such as 2026-11-26T15:00:00Z; at most 24h ahead.
PATTERN may carry a condition, 'saas.client[tenant=acme]'. Services called
through scopehttp.Transport get the header too.

The key file passes the checks a server makes of it: no one but root and
you may change it, and no one but its owner may read it (chmod 600).`)
	keyFile := fs.String("key", "", "the file of the key shared with the servers (required)")
	forS := fs.String("for", "15m", "how long the header is accepted, such as 90s, 15m or 1h30m")
	untilS := fs.String("until", "", "when the header expires, in RFC 3339, such as 2026-11-26T15:00:00Z (instead of -for)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef(fs, "expected one PATTERN[=LEVEL], got %d arguments", len(rest))
	}
	if *keyFile == "" {
		return usagef(fs, "-key: the key file is required")
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if given["for"] && given["until"] {
		return usagef(fs, "-for and -until: give one")
	}
	r, err := parseRule(rest[0])
	if err != nil {
		return err
	}
	if r.Record > 0 || !r.Until.IsZero() {
		return usagef(fs, "%s: a header carries PATTERN[=LEVEL] only; use -for or -until", quote(rest[0]))
	}
	var until time.Time
	if given["until"] {
		if until, err = rulevalue.ParseUntil(*untilS); err != nil {
			return usagef(fs, "-until: %v", err)
		}
	} else {
		d, err := rulevalue.ParseDuration(*forS)
		if err != nil {
			return usagef(fs, "-for: %v", err)
		}
		until = e.now().Add(d)
	}
	key, err := scopehttp.ReadKeyFile(*keyFile)
	if err != nil {
		return err
	}
	tok, err := scopehttp.Sign(key, r.Pattern, r.Level, until)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %s\n", scopehttp.Header, tok)
	return nil
}
