package main

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/scopelog/scopelog/internal/rulevalue"
	"github.com/scopelog/scopelog/registry"
)

func (e *env) set(args []string) error {
	fs := e.newFlagSet("set", "[-file FILE [-pid N | -pidfile F] [-signal S] [-trusted-owners UIDS] | [-url URL | -pid N | -pidfile F] [-allow-unmatched]] [-for D | -until T] PATTERN[=LEVEL]",
		`Set turns on the logs of the components PATTERN covers, at LEVEL (debug if
not given), for a bounded time: -for, 1h by default, such as 90s, 15m,
1h30m or 2d, from 1s; or -until, an RFC 3339 time such as
2026-11-26T15:00:00Z. LEVEL, -for and -until read as in a components file.

With -url (or $SCOPELOG_URL), it sets an override in the running process
through its admin handler, and prints the components whose state changed.
Without -file or -url, it does the same through the admin socket of the
process -pid or -pidfile names (scopelog.Open serves one), or of the only
process of yours that serves one.
The process counts -for on its own clock, from when it gets the request. A
PATTERN that covers no registered component is refused with the closest
name, as a typo: -allow-unmatched sets it anyway, for a component the
process registers later.

With -file, it rewrites the components file atomically, keeping every other
line and comment, replacing the rule of the same pattern or appending one,
with until= as an absolute time (-for rounded up to the second; -for 0
writes no expiry). A file the process would refuse, for its content, size,
mode or owner, or for its directory, is reported with the process's own
message and left alone; the owners trusted are root, you, and the uids of
-trusted-owners. Concurrent edits of one file by this command take turns.
Then, with -pid or -pidfile, it sends the process its reload signal.

PATTERN may carry a condition, 'saas.client[tenant=acme]': the rule then
applies only to the calls whose context carries it.`)
	var w where
	w.flags(fs, true)
	forS := fs.String("for", "1h", "how long the rule lasts, such as 90s, 15m, 1h30m or 2d; 0 means no expiry (file mode only)")
	untilS := fs.String("until", "", "when the rule expires, in RFC 3339, such as 2026-11-26T15:00:00Z (instead of -for)")
	unmatched := fs.Bool("allow-unmatched", false, "HTTP mode: set the override even if PATTERN covers no registered component")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef(fs, "expected one PATTERN[=LEVEL], got %d arguments", len(rest))
	}
	t, err := e.resolve(fs, w)
	if err != nil {
		return err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if given["for"] && given["until"] {
		return usagef(fs, "-for and -until: give one")
	}
	if *unmatched && t.url == "" {
		return usagef(fs, "-allow-unmatched is for HTTP mode: a file's rule waits for its component anyway")
	}
	r, err := parseRule(rest[0])
	if err != nil {
		return err
	}
	var d time.Duration
	switch {
	case given["until"]:
		if r.Until, err = rulevalue.ParseUntil(*untilS); err != nil {
			return usagef(fs, "-until: %v", err)
		}
		if !r.Until.After(e.now()) {
			return fmt.Errorf("-until %s is in the past", quote(*untilS))
		}
	case *forS == "0":
		if t.url != "" {
			return usagef(fs, "-for 0 (no expiry) is for file mode only: an override always expires")
		}
	default:
		if d, err = rulevalue.ParseDuration(*forS); err != nil {
			return usagef(fs, "-for: %v", err)
		}
		r.Until = ceilSecond(e.now().Add(d))
	}
	if t.url != "" {
		return e.setURL(t.url, r, given["until"], d, *unmatched)
	}
	return e.setFile(t, r)
}

// ceilSecond rounds t up to the second: a rule written in a file for d
// lasts at least d, and its until= reads as whole seconds.
func ceilSecond(t time.Time) time.Time {
	t = t.UTC().Round(0)
	if s := t.Truncate(time.Second); s.Before(t) {
		return s.Add(time.Second)
	}
	return t
}

func (e *env) unset(args []string) error {
	fs := e.newFlagSet("unset", "[-file FILE [-pid N | -pidfile F] [-signal S] [-trusted-owners UIDS] | -url URL | -pid N | -pidfile F] PATTERN | [-url URL | -pid N | -pidfile F] -all",
		`Unset removes the rule of PATTERN from the components file (-file), with the
same checks and atomic rewrite as set and then the signal, or clears the
override of PATTERN in a running process (-url, or $SCOPELOG_URL; or, as
set does, through the admin socket of -pid, -pidfile or the only one). A
pattern with no rule or override is an error. With -all, it clears every
override of the process, and prints how many.`)
	var w where
	w.flags(fs, true)
	all := fs.Bool("all", false, "HTTP mode: clear every override, instead of PATTERN's")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case *all && len(rest) > 0:
		return usagef(fs, "-all and a PATTERN: give one")
	case !*all && len(rest) != 1:
		return usagef(fs, "expected one PATTERN, or -all, got %d arguments", len(rest))
	}
	t, err := e.resolve(fs, w)
	if err != nil {
		return err
	}
	switch {
	case *all && t.url == "":
		return usagef(fs, "-all is for HTTP mode: to remove rules from a file, edit it")
	case *all:
		return e.unsetAll(t.url)
	case t.url != "":
		return e.unsetURL(t.url, rest[0])
	}
	return e.unsetFile(t, rest[0])
}

// parseRule reads PATTERN[=LEVEL] with the registry's parser, so that the
// command accepts exactly what a components file does.
func parseRule(arg string) (registry.Rule, error) {
	if arg == "" || strings.ContainsAny(arg, " \t\r\n#") {
		return registry.Rule{}, fmt.Errorf("invalid rule %s: expected PATTERN or PATTERN=LEVEL, such as saas.client or db.*=info", quote(arg))
	}
	rules, err := registry.Parse("", []byte(arg))
	if se, ok := err.(*registry.SyntaxError); ok {
		return registry.Rule{}, fmt.Errorf("invalid rule %s: column %d: %s", quote(arg), se.Col, se.Msg)
	}
	if err != nil || len(rules) != 1 {
		return registry.Rule{}, fmt.Errorf("invalid rule %s: expected PATTERN or PATTERN=LEVEL", quote(arg))
	}
	r := rules[0]
	r.File, r.Line = "", 0
	return r, nil
}
