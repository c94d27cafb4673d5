package main

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/internal/termsafe"
	"github.com/scopelog/scopelog/registry"
)

func (e *env) check(args []string) error {
	flags := e.newFlagSet("check", "[-components NAMES | -components-from URL] FILE...",
		`Check validates components files offline, with the registry's own parser
and trust checks, as a process would read them at its next reload. It prints
one line per valid file on stdout, and each error on stderr as
file:line:col: message. With a list of component names, it also reports the
rules that match none of them. It exits 1 if anything is wrong.`)
	names := flags.String("components", "", "comma-separated component names: report the rules that match none")
	from := flags.String("components-from", "", "read the component names from a running process's admin handler at this URL")
	trust := flags.String("trusted-owners", "", "comma-separated uids that may own the file besides root and you: the process's user, when you check as another")
	files, err := parse(flags, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef(flags, "no file to check")
	}
	if *names != "" && *from != "" {
		return usagef(flags, "-components and -components-from: give one")
	}
	trusted, err := uids(*trust)
	if err != nil {
		return usagef(flags, "-trusted-owners: %v", err)
	}
	opts := []registry.Option{registry.WithTrustedOwners(trusted...)}
	var list []string
	switch {
	case *names != "":
		for n := range strings.SplitSeq(*names, ",") {
			if n = strings.TrimSpace(n); n == "" {
				continue
			}
			if err := component.CheckName(n); err != nil {
				return usagef(flags, "-components: %v", err)
			}
			list = append(list, n)
		}
	case *from != "":
		if err := checkURL(*from); err != nil {
			return usagef(flags, "-components-from %v", err)
		}
		s, err := e.state(*from)
		if err != nil {
			return err
		}
		for _, c := range s.Components {
			// A process registers only valid names; a server that sends
			// another is not one to believe.
			if err := component.CheckName(c.Name); err != nil {
				return fmt.Errorf("GET %s: not the state of an admin handler: %v", *from, err)
			}
			list = append(list, c.Name)
		}
	}

	failed := false
	for _, file := range files {
		rules, err := registry.ReadFile(file, opts...)
		if errors.Is(err, fs.ErrNotExist) {
			err = fmt.Errorf("%s: no such file", file)
		}
		err = trustHint(err)
		if err != nil {
			fmt.Fprintln(e.stderr, termsafe.Escape(err.Error()))
			failed = true
			continue
		}
		fmt.Fprintf(e.stdout, "%s: %s\n", termsafe.Escape(file), summary(rules))
		if *names == "" && *from == "" {
			continue
		}
		unmatched, err := unmatchedRules(file, list, opts)
		if err != nil {
			fmt.Fprintln(e.stderr, termsafe.Escape(err.Error()))
			failed = true
		}
		for _, u := range unmatched {
			fmt.Fprintln(e.stderr, termsafe.Escape(u))
			failed = true
		}
	}
	if failed {
		return errReported
	}
	return nil
}

func summary(rules []registry.Rule) string {
	n := len(rules)
	s := fmt.Sprintf("%d rules", n)
	if n == 1 {
		s = "1 rule"
	}
	until := 0
	for _, r := range rules {
		if !r.Until.IsZero() {
			until++
		}
	}
	return fmt.Sprintf("%s, %d with until=", s, until)
}

// unmatchedRules loads file into a registry that has exactly the components
// names, and returns what its reload reports about rules that match none.
func unmatchedRules(file string, names []string, opts []registry.Option) ([]string, error) {
	opts = append(opts, registry.WithFile(file), registry.WithCore(zapcore.NewNopCore()))
	reg := registry.New(opts...)
	for _, n := range names {
		reg.Component(n)
	}
	if err := reg.Reload(); err != nil {
		return nil, err
	}
	return reg.LastReload().Unmatched, nil
}
