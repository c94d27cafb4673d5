package admin

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/internal/rulevalue"
	"github.com/scopelog/scopelog/internal/termsafe"
	"github.com/scopelog/scopelog/registry"
)

// State is what the handler answers with: the JSON body of every successful
// request. Clients, such as the scopelog command, decode it into this type.
type State struct {
	Components []Component `json:"components"`
	Overrides  []Override  `json:"overrides"`
	// Scoped lists the scoped rules in force, of the file and overrides
	// alike, apart from the components' levels, which they do not change;
	// omitted when there are none.
	Scoped []Scoped `json:"scoped,omitempty"`
	// File is the components file the registry reads, "" if none.
	File       string `json:"file"`
	LastReload Reload `json:"last_reload"`
}

// Component is the state of one registered component.
type Component struct {
	Name  string        `json:"name"`
	Level zapcore.Level `json:"level"`
	// Rule is where the rule that sets Level comes from: "file:line",
	// "override", or "" when the default level applies.
	Rule string `json:"rule"`
	// Expires is when that rule expires; zero, and omitted, if it does not.
	Expires time.Time `json:"expires,omitzero"`
	// Record is how many entries below Level the component records
	// (record=N), and Recorded how many it holds now; both are omitted
	// when it does not record.
	Record   int `json:"record,omitempty"`
	Recorded int `json:"recorded,omitempty"`
	// Limit is the rule's limit= ("100/s"), and Dropped how many entries
	// the component's limits have dropped; both are omitted when zero.
	Limit   string `json:"limit,omitempty"`
	Dropped uint64 `json:"dropped,omitempty"`
	// Written counts the entries the component wrote, by level name; a
	// level with none is absent.
	Written map[string]uint64 `json:"written,omitempty"`
}

// Override is one runtime override in force.
type Override struct {
	Pattern string        `json:"pattern"`
	Level   zapcore.Level `json:"level"`
	Until   time.Time     `json:"until"`
}

// Scoped is one scoped rule in force, such as
// saas.client[tenant=acme]=debug.
type Scoped struct {
	// Pattern is the rule's pattern, with its condition.
	Pattern string        `json:"pattern"`
	Level   zapcore.Level `json:"level"`
	// Rule is where the rule comes from: "file:line" or "override".
	Rule string `json:"rule"`
	// Until is when the rule expires; zero, and omitted, if it does not.
	Until time.Time `json:"until,omitzero"`
	// Record is the rule's record=N, omitted when it does not record.
	Record int `json:"record,omitempty"`
	// Components are the registered components it is in force for.
	Components []string `json:"components"`
	// Written is the number of entries it has let through since it was
	// set.
	Written uint64 `json:"written"`
}

// Reload is the outcome of the registry's last reload of its file.
type Reload struct {
	// Time is when it finished; zero, and omitted, if no reload has run.
	Time       time.Time `json:"time,omitzero"`
	Generation uint64    `json:"generation"`
	Error      string    `json:"error"` // "" if it succeeded
}

// snapshot reads the state of reg. Times are in UTC, so that every process
// of a fleet answers alike.
func snapshot(reg *registry.Registry) State {
	s := State{File: reg.File(), Components: []Component{}, Overrides: []Override{}}
	for _, c := range reg.Components() {
		s.Components = append(s.Components, Component{Name: c.Name, Level: c.Level, Rule: c.Rule, Expires: utc(c.Expires), Record: c.Record, Recorded: c.Recorded,
			Limit: c.Limit.String(), Dropped: c.Dropped, Written: c.Written})
	}
	for _, o := range reg.Overrides() {
		s.Overrides = append(s.Overrides, Override{Pattern: o.Pattern, Level: o.Level, Until: utc(o.Until)})
	}
	for _, sc := range reg.Scoped() {
		r := sc.Rule
		s.Scoped = append(s.Scoped, Scoped{Pattern: r.Pattern, Level: r.Level, Rule: r.Source(), Until: utc(r.Until),
			Record: r.Record, Components: append([]string{}, sc.Components...), Written: sc.Written})
	}
	last := reg.LastReload()
	s.LastReload = Reload{Time: utc(last.Time), Generation: last.Generation}
	if last.Err != nil {
		s.LastReload.Error = last.Err.Error()
	}
	return s
}

func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	// Round(0) drops the monotonic reading, which JSON does not carry.
	return t.UTC().Round(0)
}

// WriteText writes s as the handler's text form: an aligned table of the
// components, one of the overrides, then the last reload. Times are
// RFC 3339; an expiry also shows how long remains from now. Every string is
// written with its control characters escaped (as \x1b, \n), so that a
// State from anywhere, such as a directory name made by another user, can
// neither act on the terminal nor forge a line.
func (s State) WriteText(w io.Writer, now time.Time) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	// The RECORDED column appears only when some component records, and
	// DROPPED when some component is limited or has dropped entries.
	recording := slices.ContainsFunc(s.Components, func(c Component) bool { return c.Record > 0 })
	limiting := slices.ContainsFunc(s.Components, func(c Component) bool { return c.Limit != "" || c.Dropped > 0 })
	header := "NAME\tLEVEL\tRULE\tEXPIRES\tWRITTEN"
	if recording {
		header += "\tRECORDED"
	}
	if limiting {
		header += "\tDROPPED"
	}
	fmt.Fprintln(tw, header)
	for _, c := range s.Components {
		line := fmt.Sprintf("%s\t%s\t%s\t%s\t%s", esc(c.Name), c.Level, dash(esc(c.Rule)), rulevalue.FormatExpiry(c.Expires, now), written(c))
		if recording {
			line += "\t" + recorded(c)
		}
		if limiting {
			line += "\t" + dropped(c)
		}
		fmt.Fprintln(tw, line)
	}
	fmt.Fprintln(tw)
	if len(s.Overrides) == 0 {
		fmt.Fprintln(tw, "no overrides")
	} else {
		fmt.Fprintln(tw, "OVERRIDE\tLEVEL\tUNTIL")
		for _, o := range s.Overrides {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", esc(o.Pattern), o.Level, rulevalue.FormatExpiry(o.Until, now))
		}
	}
	if len(s.Scoped) > 0 {
		fmt.Fprintln(tw)
		fmt.Fprintln(tw, "SCOPED RULE\tLEVEL\tRULE\tUNTIL\tWRITTEN\tCOMPONENTS")
		for _, sc := range s.Scoped {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", esc(sc.Pattern), sc.Level, esc(sc.Rule), rulevalue.FormatExpiry(sc.Until, now), sc.Written, covered(sc.Components))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, "\n"+s.reloadLine())
	return err
}

// maxCovered bounds the names the text form lists for one scoped rule.
const maxCovered = 5

// covered lists the components a scoped rule covers, a few by name.
func covered(names []string) string {
	switch {
	case len(names) == 0:
		return "none"
	case len(names) > maxCovered:
		return esc(strings.Join(names[:maxCovered], ",")) + fmt.Sprintf(" and %d more", len(names)-maxCovered)
	}
	return esc(strings.Join(names, ","))
}

func (s State) reloadLine() string {
	file := esc(s.File)
	if file == "" {
		file = "none"
	}
	r := s.LastReload
	if r.Generation == 0 {
		return "last reload: never (file " + file + ")"
	}
	outcome := "ok"
	if r.Error != "" {
		outcome = "failed, levels unchanged: " + esc(r.Error)
	}
	return fmt.Sprintf("last reload: %s, generation %d, %s (file %s)", r.Time.Format(time.RFC3339), r.Generation, outcome, file)
}

// recorded shows what a component records as "held/N", or "-".
func recorded(c Component) string {
	if c.Record == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d", c.Recorded, c.Record)
}

// written shows what a component wrote as "debug/total", so that the
// component that floods its log with debug entries stands out.
func written(c Component) string {
	var total uint64
	for _, n := range c.Written {
		total += n
	}
	return fmt.Sprintf("%d/%d", c.Written["debug"], total)
}

// dropped shows what a component's limit dropped, and the limit: "120
// (100/s)", or "-".
func dropped(c Component) string {
	switch {
	case c.Limit != "":
		return fmt.Sprintf("%d (%s)", c.Dropped, c.Limit)
	case c.Dropped > 0:
		return fmt.Sprint(c.Dropped)
	}
	return "-"
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// esc escapes what a terminal would act on, tabs included, which would
// break the table's columns.
func esc(s string) string { return termsafe.Escape(s) }
