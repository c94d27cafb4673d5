package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/scopelog/scopelog/admin"
	"github.com/scopelog/scopelog/registry"
)

func (e *env) setURL(target string, r registry.Rule, byUntil bool, d time.Duration) error {
	before, err := e.state(target)
	if err != nil {
		return err
	}
	req := admin.Request{Pattern: r.Pattern, Level: r.Level.String()}
	if byUntil {
		req.Until = r.Until.Format(time.RFC3339)
	} else {
		// The process counts the time on its own clock.
		req.For = d.String()
	}
	b, err := e.do(http.MethodPut, target, "application/json", req)
	if err != nil {
		return err
	}
	after, err := decodeState(target, b)
	if err != nil {
		return err
	}
	for _, o := range after.Overrides {
		if o.Pattern == r.Pattern {
			fmt.Fprintf(e.stdout, "override %s=%s until %s\n", o.Pattern, o.Level, expiry(o.Until, e.now()))
		}
	}
	if r.Condition() != "" {
		e.covers(after, r)
		return nil
	}
	return e.changes(before, after, r.Pattern)
}

// covers prints what the scoped override r covers: it changes no
// component's level, so the list of changes would say nothing.
func (e *env) covers(after admin.State, r registry.Rule) {
	for _, sc := range after.Scoped {
		if sc.Pattern != r.Pattern || sc.Rule != "override" {
			continue
		}
		if len(sc.Components) == 0 {
			fmt.Fprintf(e.stdout, "no component that %s covers is registered yet\n", r.Pattern)
			return
		}
		fmt.Fprintf(e.stdout, "for %s only: %s\n", r.Condition(), strings.Join(sc.Components, ", "))
	}
}

func (e *env) unsetURL(target, pattern string) error {
	before, err := e.state(target)
	if err != nil {
		return err
	}
	b, err := e.do(http.MethodDelete, target+query(target)+"pattern="+url.QueryEscape(pattern), "application/json", nil)
	if err != nil {
		return err
	}
	after, err := decodeState(target, b)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "override %s cleared\n", pattern)
	if strings.Contains(pattern, "[") {
		// A scoped override changed no component's level.
		return nil
	}
	return e.changes(before, after, pattern)
}

// query returns what joins a query parameter to target.
func query(target string) string {
	if u, err := url.Parse(target); err == nil && u.RawQuery != "" {
		return "&"
	}
	return "?"
}

func decodeState(target string, b []byte) (admin.State, error) {
	var s admin.State
	if err := json.Unmarshal(b, &s); err != nil {
		return s, fmt.Errorf("%s: not the state of an admin handler: %w", target, err)
	}
	return s, nil
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
		rule := c.Rule
		if rule == "" {
			rule = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.Name, level, rule, expiry(c.Expires, e.now()))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintf(e.stdout, "no component changed: none that %s covers is registered yet, or its state was already this\n", pattern)
	}
	return nil
}

func expiry(t, now time.Time) string {
	if t.IsZero() {
		return "-"
	}
	left := t.Sub(now).Round(time.Second)
	if left <= 0 {
		return t.Format(time.RFC3339) + " (expired)"
	}
	return t.Format(time.RFC3339) + " (in " + left.String() + ")"
}
