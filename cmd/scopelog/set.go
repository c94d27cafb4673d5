package main

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/scopelog/scopelog/registry"
)

// where is the file or the process a set or unset acts on.
type where struct {
	file, url string
	pid       int
	pidfile   string
	signal    string
}

func (w *where) flags(fs *flag.FlagSet) {
	fs.StringVar(&w.file, "file", "", "file mode: edit this components file")
	fs.StringVar(&w.url, "url", "", "HTTP mode: the process's admin handler, such as http://127.0.0.1:8000/debug/scopelog")
	fs.IntVar(&w.pid, "pid", 0, "file mode: after the edit, signal this process")
	fs.StringVar(&w.pidfile, "pidfile", "", "file mode: after the edit, signal the process whose id this file holds")
	fs.StringVar(&w.signal, "signal", "USR1", "the process's reload signal: USR1, USR2 or HUP")
}

func (w *where) check(fs *flag.FlagSet) error {
	switch {
	case w.file == "" && w.url == "":
		return usagef(fs, "give -file (file mode) or -url (HTTP mode)")
	case w.file != "" && w.url != "":
		return usagef(fs, "-file and -url: give one")
	case w.pid != 0 && w.pidfile != "":
		return usagef(fs, "-pid and -pidfile: give one")
	case w.url != "" && (w.pid != 0 || w.pidfile != ""):
		return usagef(fs, "-pid and -pidfile are for file mode: an admin handler applies a change at once")
	case w.pid < 0:
		return usagef(fs, "-pid %d: expected a process id", w.pid)
	}
	if w.url != "" {
		if err := checkURL(w.url); err != nil {
			return usagef(fs, "-url %v", err)
		}
	}
	if _, err := signalByName(w.signal); err != nil {
		return usagef(fs, "-signal %v", err)
	}
	return nil
}

func (e *env) set(args []string) error {
	fs := e.newFlagSet("set", "[-file FILE [-pid N | -pidfile F] [-signal S] | -url URL] [-for D | -until T] PATTERN[=LEVEL]",
		`Set turns on the logs of the components PATTERN covers, at LEVEL (debug if
not given), for a bounded time.

With -file, it rewrites the components file atomically, keeping every other
line and comment, replacing the rule of the same pattern or appending one,
with until= as an absolute time; the new content is validated first, and an
invalid file is refused, not rewritten. Then, with -pid or -pidfile, it sends
the process its reload signal.

With -url, it sets an override in the running process through its admin
handler, and prints the components whose state changed.

PATTERN may carry a condition, 'saas.client[tenant=acme]': the rule then
applies only to the calls whose context carries it.`)
	var w where
	w.flags(fs)
	forD := fs.Duration("for", time.Hour, "how long the rule lasts; 0 means no expiry (file mode only)")
	untilS := fs.String("until", "", "when the rule expires, in RFC 3339, such as 2026-11-26T15:00:00Z (instead of -for)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef(fs, "expected one PATTERN[=LEVEL], got %d arguments", len(rest))
	}
	if err := w.check(fs); err != nil {
		return err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if given["for"] && given["until"] {
		return usagef(fs, "-for and -until: give one")
	}
	var until time.Time
	switch {
	case given["until"]:
		if until, err = time.Parse(time.RFC3339, *untilS); err != nil {
			return usagef(fs, "-until %q: expected an RFC 3339 time such as 2026-11-26T15:00:00Z", *untilS)
		}
		if !until.After(e.now()) {
			return fmt.Errorf("-until %s is in the past", *untilS)
		}
	case *forD < 0:
		return usagef(fs, "-for %v: must not be negative", *forD)
	case *forD == 0 && w.url != "":
		return usagef(fs, "-for 0 (no expiry) is for file mode only: an override always expires")
	case *forD > 0 && *forD < time.Second:
		return usagef(fs, "-for %v: expected at least 1s", *forD)
	case *forD > 0:
		until = e.now().Add(*forD).Truncate(time.Second)
	}
	r, err := parseRule(rest[0])
	if err != nil {
		return err
	}
	r.Until = until.UTC()
	if w.url != "" {
		return e.setURL(w.url, r, given["until"], *forD)
	}
	return e.setFile(w, r)
}

func (e *env) unset(args []string) error {
	fs := e.newFlagSet("unset", "[-file FILE [-pid N | -pidfile F] [-signal S] | -url URL] PATTERN",
		`Unset removes the rule of PATTERN from the components file (-file), with the
same atomic rewrite as set and then the signal, or clears the override of
PATTERN in a running process (-url). A pattern with no rule or override is an
error.`)
	var w where
	w.flags(fs)
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef(fs, "expected one PATTERN, got %d arguments", len(rest))
	}
	if err := w.check(fs); err != nil {
		return err
	}
	if w.url != "" {
		return e.unsetURL(w.url, rest[0])
	}
	return e.unsetFile(w, rest[0])
}

// parseRule reads PATTERN[=LEVEL] with the registry's parser, so that the
// command accepts exactly what a components file does.
func parseRule(arg string) (registry.Rule, error) {
	if arg == "" || strings.ContainsAny(arg, " \t\r\n#") {
		return registry.Rule{}, fmt.Errorf("invalid rule %q: expected PATTERN or PATTERN=LEVEL, such as saas.client or db.*=info", arg)
	}
	rules, err := registry.Parse("", []byte(arg))
	if se, ok := err.(*registry.SyntaxError); ok {
		return registry.Rule{}, fmt.Errorf("invalid rule %q: column %d: %s", arg, se.Col, se.Msg)
	}
	if err != nil || len(rules) != 1 {
		return registry.Rule{}, fmt.Errorf("invalid rule %q: expected PATTERN or PATTERN=LEVEL", arg)
	}
	r := rules[0]
	r.File, r.Line = "", 0
	return r, nil
}
