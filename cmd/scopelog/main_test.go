package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/scopelog/scopelog/internal/isolated"
)

// TestMain gives the tests, and the processes they start, directories of
// their own for admin sockets: the command finds only theirs.
func TestMain(m *testing.M) {
	os.Exit(isolated.Main(m))
}

// result is the outcome of one run of the command.
type result struct {
	code           int
	stdout, stderr string
}

// runAt runs the command in-process with its clock at now, and no
// environment.
func runAt(now time.Time, args ...string) result {
	return runEnv(now, nil, args...)
}

// runEnv runs the command in-process with its clock at now and the
// environment vars.
func runEnv(now time.Time, vars map[string]string, args ...string) result {
	var out, errOut bytes.Buffer
	e := &env{stdout: &out, stderr: &errOut, now: func() time.Time { return now }, client: testClient,
		getenv: func(k string) string { return vars[k] }}
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
		{[]string{"list"}, "scopelog list: give -url (HTTP mode) or -pid, or set $SCOPELOG_URL: no process"},
		{[]string{"list", "-url", "localhost:8000"}, `scopelog list: -url "localhost:8000": expected an http:// or https:// URL`},
		{[]string{"list", "-url", "http://localhost", "extra"}, `scopelog list: unexpected argument "extra"`},
		{[]string{"set", "db"}, "scopelog set: give -file (file mode), -url (HTTP mode) or -pid, or set $SCOPELOG_URL: no process"},
		{[]string{"set", "-file", "f", "-url", "http://x", "db"}, "scopelog set: -file and -url: give one"},
		{[]string{"set", "-file", "f"}, "scopelog set: expected one PATTERN[=LEVEL], got 0 arguments"},
		{[]string{"set", "-file", "f", "db", "http"}, "scopelog set: expected one PATTERN[=LEVEL], got 2 arguments"},
		{[]string{"set", "-file", "f", "-for", "1m", "-until", "2099-01-01T00:00:00Z", "db"}, "scopelog set: -for and -until: give one"},
		{[]string{"set", "-file", "f", "-until", "tomorrow", "db"}, `scopelog set: -until: invalid time "tomorrow": expected an RFC 3339 time with an offset or Z`},
		{[]string{"set", "-file", "f", "-until", "1969-12-31T23:59:59Z", "db"}, `scopelog set: -until: time "1969-12-31T23:59:59Z" out of range`},
		{[]string{"set", "-file", "f", "-for", "soon", "db"}, `scopelog set: -for: invalid duration "soon": expected a duration such as 90s, 15m, 1h30m or 2d`},
		{[]string{"set", "-file", "f", "-for", "-1m", "db"}, `scopelog set: -for: duration "-1m" too short: expected at least 1s`},
		{[]string{"set", "-file", "f", "-for", "10ms", "db"}, `scopelog set: -for: duration "10ms" too short: expected at least 1s`},
		{[]string{"set", "-file", "f", "-for", "3651d", "db"}, `scopelog set: -for: duration "3651d" too long: expected at most 3650d`},
		{[]string{"set", "-file", "f", "-allow-unmatched", "db"}, "scopelog set: -allow-unmatched is for HTTP mode"},
		{[]string{"set", "-url", "http://x", "-for", "0", "db"}, "scopelog set: -for 0 (no expiry) is for file mode only"},
		{[]string{"set", "-url", "http://x", "-pid", "1", "db"}, "scopelog set: -url and -pid (or -pidfile): give one"},
		{[]string{"set", "-url", "http://x", "-trusted-owners", "1", "db"}, "scopelog set: -trusted-owners is for file mode"},
		{[]string{"set", "-file", "f", "-trusted-owners", "1,bob", "db"}, `scopelog set: -trusted-owners: "bob" is not a uid`},
		{[]string{"set", "-file", "f", "-pid", "1", "-pidfile", "p", "db"}, "scopelog set: -pid and -pidfile: give one"},
		{[]string{"set", "-file", "f", "-signal", "KILL", "db"}, `scopelog set: -signal "KILL": expected USR1, USR2 or HUP`},
		{[]string{"unset", "-url", "http://x"}, "scopelog unset: expected one PATTERN, or -all, got 0 arguments"},
		{[]string{"unset", "-url", "http://x", "-all", "db"}, "scopelog unset: -all and a PATTERN: give one"},
		{[]string{"unset", "-file", "f", "-all"}, "scopelog unset: -all is for HTTP mode"},
		{[]string{"list", "-url", "http://x", "-file", "f"}, "scopelog list: flag provided but not defined: -file"},
		{[]string{"flush", "db"}, "scopelog flush: give -url (HTTP mode) or -pid, or set $SCOPELOG_URL: no process"},
		{[]string{"check", "-components-from", "localhost:8000", "f"}, `scopelog check: -components-from "localhost:8000": expected an http:// or https:// URL`},
		{[]string{"unset", "db"}, "scopelog unset: give -file (file mode), -url (HTTP mode) or -pid"},
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
	for _, args := range [][]string{{"-h"}, {"help"}, {"check", "-h"}, {"list", "-h"}, {"set", "-h"}, {"unset", "-help"}, {"grant", "-h"}} {
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
