package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// result is the outcome of one run of the command.
type result struct {
	code           int
	stdout, stderr string
}

// runAt runs the command in-process with its clock at now.
func runAt(now time.Time, args ...string) result {
	var out, errOut bytes.Buffer
	e := &env{stdout: &out, stderr: &errOut, now: func() time.Time { return now }, client: testClient}
	code := e.run(args)
	return result{code, out.String(), errOut.String()}
}

func runCmd(args ...string) result { return runAt(time.Now(), args...) }

func (r result) want(t *testing.T, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string // the first line of stderr
	}{
		{nil, "usage: scopelog <command>"},
		{[]string{"frobnicate"}, `scopelog: unknown command "frobnicate"`},
		{[]string{"check"}, "scopelog check: no file to check"},
		{[]string{"check", "-bogus", "f"}, "scopelog check: flag provided but not defined: -bogus"},
		{[]string{"check", "-components", "db", "-components-from", "http://x", "f"}, "scopelog check: -components and -components-from: give one"},
		{[]string{"check", "-components", "Db", "f"}, `scopelog check: -components: component: invalid name "Db"`},
		{[]string{"list"}, "scopelog list: -url is required"},
		{[]string{"list", "-url", "localhost:8000"}, `scopelog list: -url "localhost:8000": expected an http:// or https:// URL`},
		{[]string{"list", "-url", "http://localhost", "extra"}, `scopelog list: unexpected argument "extra"`},
		{[]string{"set", "db"}, "scopelog set: give -file (file mode) or -url (HTTP mode)"},
		{[]string{"set", "-file", "f", "-url", "http://x", "db"}, "scopelog set: -file and -url: give one"},
		{[]string{"set", "-file", "f"}, "scopelog set: expected one PATTERN[=LEVEL], got 0 arguments"},
		{[]string{"set", "-file", "f", "db", "http"}, "scopelog set: expected one PATTERN[=LEVEL], got 2 arguments"},
		{[]string{"set", "-file", "f", "-for", "1m", "-until", "2099-01-01T00:00:00Z", "db"}, "scopelog set: -for and -until: give one"},
		{[]string{"set", "-file", "f", "-until", "tomorrow", "db"}, `scopelog set: -until "tomorrow": expected an RFC 3339 time`},
		{[]string{"set", "-file", "f", "-for", "soon", "db"}, `scopelog set: invalid value "soon" for flag -for`},
		{[]string{"set", "-file", "f", "-for", "-1m", "db"}, "scopelog set: -for -1m0s: must not be negative"},
		{[]string{"set", "-file", "f", "-for", "10ms", "db"}, "scopelog set: -for 10ms: expected at least 1s"},
		{[]string{"set", "-url", "http://x", "-for", "0", "db"}, "scopelog set: -for 0 (no expiry) is for file mode only"},
		{[]string{"set", "-url", "http://x", "-pid", "1", "db"}, "scopelog set: -pid and -pidfile are for file mode"},
		{[]string{"set", "-file", "f", "-pid", "1", "-pidfile", "p", "db"}, "scopelog set: -pid and -pidfile: give one"},
		{[]string{"set", "-file", "f", "-signal", "KILL", "db"}, `scopelog set: -signal "KILL": expected USR1, USR2 or HUP`},
		{[]string{"unset", "-url", "http://x"}, "scopelog unset: expected one PATTERN, got 0 arguments"},
		{[]string{"unset", "db"}, "scopelog unset: give -file (file mode) or -url (HTTP mode)"},
	} {
		r := runCmd(tc.args...)
		if r.code != exitUsage {
			t.Errorf("%q: exit %d, want 2; stderr %s", tc.args, r.code, r.stderr)
			continue
		}
		first, _, _ := strings.Cut(r.stderr, "\n")
		if !strings.HasPrefix(first, tc.msg) {
			t.Errorf("%q: stderr starts %q, want %q", tc.args, first, tc.msg)
		}
		if !strings.Contains(r.stderr, "usage: scopelog") {
			t.Errorf("%q: no usage on stderr:\n%s", tc.args, r.stderr)
		}
		if r.stdout != "" {
			t.Errorf("%q: stdout %q", tc.args, r.stdout)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"help"}, {"check", "-h"}, {"list", "-h"}, {"set", "-h"}, {"unset", "-help"}} {
		r := runCmd(args...)
		r.want(t, exitOK)
		if !strings.HasPrefix(r.stdout, "usage: scopelog") || r.stderr != "" {
			t.Errorf("%q: stdout %q, stderr %q", args, r.stdout, r.stderr)
		}
	}
	if r := runCmd("set", "-h"); !strings.Contains(r.stdout, "-until") || !strings.Contains(r.stdout, "PATTERN[=LEVEL]") {
		t.Errorf("set -h:\n%s", r.stdout)
	}
}
