package main

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/scopelog/scopelog/admin"
	"github.com/scopelog/scopelog/internal/rulevalue"
	"github.com/scopelog/scopelog/internal/termsafe"
	"github.com/scopelog/scopelog/registry"
)

func (e *env) setURL(target string, r registry.Rule, byUntil bool, d time.Duration, allowUnmatched bool) error {
	before, err := e.state(target)
	if err != nil {
		return err
	}
	req := admin.Request{Pattern: r.Pattern, Level: r.Level.String(), AllowUnmatched: allowUnmatched}
	if byUntil {
		req.Until = r.Until.Format(time.RFC3339Nano)
	} else {
		// The process counts the time on its own clock.
		req.For = d.String()
	}
	b, err := e.do(http.MethodPut, target, req)
	if se, ok := errors.AsType[*serverError](err); ok && se.code == http.StatusNotFound {
		return unmatched(r.Pattern, se.refusal.DidYouMean)
	}
	if err != nil {
		return err
	}
	after, err := decodeState("PUT "+target, b)
	if err != nil {
		return err
	}
	// A server that answers 200 without the override has not set it.
	i := slices.IndexFunc(after.Overrides, func(o admin.Override) bool {
		return o.Pattern == r.Pattern && o.Level == r.Level && (!byUntil || o.Until.Equal(r.Until))
	})
	if i < 0 {
		return fmt.Errorf("PUT %s: the answer does not hold the override %s: not an admin handler's state after setting it; it answered %s", target, r.Pattern+"="+r.Level.String(), shown(b))
	}
	o := after.Overrides[i]
	fmt.Fprintf(e.stdout, "override %s=%s until %s\n", o.Pattern, o.Level, rulevalue.FormatExpiry(o.Until, e.now()))
	return e.changes(before, after, r.Pattern)
}

// unmatched is the failure of a set whose pattern covers no component of
// the process, with the closest name it has, if any.
func unmatched(pattern, suggestion string) error {
	msg := "no registered component matches " + pattern
	if suggestion != "" {
		msg += "; did you mean " + suggestion + "?"
	}
	return errors.New(msg + " (-allow-unmatched sets it anyway, for a component registered later)")
}

func (e *env) unsetURL(target, pattern string) error {
	before, err := e.state(target)
	if err != nil {
		return err
	}
	b, err := e.do(http.MethodDelete, withQuery(target, "pattern", pattern), nil)
	if err != nil {
		return err
	}
	after, err := decodeState("DELETE "+target, b)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(after.Overrides, func(o admin.Override) bool { return o.Pattern == pattern }) {
		return fmt.Errorf("DELETE %s: the answer still holds the override of %s", target, pattern)
	}
	fmt.Fprintf(e.stdout, "override %s cleared\n", pattern)
	return e.changes(before, after, pattern)
}

// unsetAll clears every override, and prints how many of those in force a
// moment before are gone.
func (e *env) unsetAll(target string) error {
	before, err := e.state(target)
	if err != nil {
		return err
	}
	b, err := e.do(http.MethodDelete, withQuery(target, "all", "true"), nil)
	if err != nil {
		return err
	}
	after, err := decodeState("DELETE "+target, b)
	if err != nil {
		return err
	}
	n := 0
	for _, o := range before.Overrides {
		if !slices.ContainsFunc(after.Overrides, func(a admin.Override) bool { return a.Pattern == o.Pattern }) {
			n++
		}
	}
	fmt.Fprintf(e.stdout, "cleared %d %s\n", n, plural(n, "override", "overrides"))
	if n == 0 {
		return nil
	}
	return e.changes(before, after, "")
}

// changes prints the components whose level, rule or expiry differ between
// two states.
func (e *env) changes(before, after admin.State, pattern string) error {
	old := make(map[string]admin.Component, len(before.Components))
	for _, c := range before.Components {
		old[c.Name] = c
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	n := 0
	for _, c := range after.Components {
		o, ok := old[c.Name]
		if ok && o.Level == c.Level && o.Rule == c.Rule && o.Expires.Equal(c.Expires) {
			continue
		}
		if n == 0 {
			fmt.Fprintln(tw, "NAME\tLEVEL\tRULE\tEXPIRES")
		}
		n++
		level := c.Level.String()
		if ok && o.Level != c.Level {
			level = o.Level.String() + "→" + level
		}
		rule := termsafe.Escape(c.Rule)
		if rule == "" {
			rule = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", termsafe.Escape(c.Name), level, rule, rulevalue.FormatExpiry(c.Expires, e.now()))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if n == 0 && pattern != "" {
		fmt.Fprintf(e.stdout, "no component changed: none that %s covers is registered yet, or its state was already this\n", pattern)
	}
	return nil
}
