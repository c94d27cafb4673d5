package main

import (
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
	"time"
)

func TestParseFlags(t *testing.T) {
	cfg, err := parseFlags(nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := config{addr: "127.0.0.1:8000", components: "./components", delay: time.Second, signal: "USR1", watch: true}
	if cfg != want {
		t.Errorf("defaults %+v, want %+v", cfg, want)
	}
	cfg, err = parseFlags([]string{"-addr", ":0", "-components", "/etc/app/components", "-delay", "50ms", "-signal", "hup", "-watch=false", "-console"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want = config{addr: ":0", components: "/etc/app/components", delay: 50 * time.Millisecond, signal: "hup", console: true}
	if cfg != want {
		t.Errorf("parsed %+v, want %+v", cfg, want)
	}
}

func TestParseFlagsErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-delay", "soon"}, `invalid value "soon" for flag -delay`},
		{[]string{"-delay", "-1s"}, "-delay -1s: must not be negative"},
		{[]string{"extra"}, `unexpected argument "extra"`},
		{[]string{"-nope"}, "flag provided but not defined: -nope"},
	} {
		var out strings.Builder
		_, err := parseFlags(tc.args, &out)
		if err == nil || !strings.Contains(out.String(), tc.msg) {
			t.Errorf("parseFlags(%q) = %v, printed %q; want %q", tc.args, err, out.String(), tc.msg)
		}
	}
	if _, err := parseFlags([]string{"-h"}, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h gave %v, want flag.ErrHelp", err)
	}
}

func TestSignalName(t *testing.T) {
	for in, want := range map[string]string{"USR1": "USR1", "usr1": "USR1", "SIGUSR1": "USR1", "sigusr2": "USR2", "HUP": "HUP", "SigHup": "HUP"} {
		if got, err := signalName(in); got != want || err != nil {
			t.Errorf("signalName(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "TERM", "INT", "USR3", "SIG"} {
		if _, err := signalName(in); err == nil || !strings.Contains(err.Error(), "want USR1, USR2 or HUP") {
			t.Errorf("signalName(%q) = %v, want an error", in, err)
		}
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"./components":           "./components",
		"/etc/my-app/components": "/etc/my-app/components",
		"my components":          "'my components'",
		"it's":                   `'it'\''s'`,
		"":                       "''",
		"$(rm -rf)":              "'$(rm -rf)'",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
