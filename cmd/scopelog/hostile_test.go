package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/scopelog/scopelog/admin"
)

// hostile serves, on a real loopback server, the answers a test chooses:
// get for GET, write for every other method.
func hostile(t *testing.T, get, write http.HandlerFunc) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			get(w, r)
			return
		}
		write(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/debug/scopelog"
}

// answer returns a handler that answers status with body.
func answer(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
}

// validState is the answer of a process with one component, db.
var validState = `{"components":[{"name":"db","level":"info","rule":""}],"overrides":[],"file":"","last_reload":{"generation":0,"error":""}}`

// checkOneSafeLine fails unless s is one line of at most max bytes with
// no raw control character.
func checkOneSafeLine(t *testing.T, what, s string, max int) {
	t.Helper()
	if strings.Count(s, "\n") != 1 || !strings.HasSuffix(s, "\n") {
		t.Errorf("%s: %d lines, want one: %.300q", what, strings.Count(s, "\n"), s)
	}
	if len(s) > max {
		t.Errorf("%s: %d bytes, want at most %d", what, len(s), max)
	}
	if i := strings.IndexFunc(strings.TrimSuffix(s, "\n"), func(r rune) bool { return r < 0x20 || r >= 0x7f && r <= 0x9f }); i >= 0 {
		t.Errorf("%s: a raw control character at %d: %.300q", what, i, s)
	}
}

// TestHostileRefusals: a server's error message reaches stderr escaped, on
// one line, and cut at 4 KiB with a note, whatever the command and however
// large the body.
func TestHostileRefusals(t *testing.T) {
	title := "\x1b]0;pwned\a"
	huge := title + strings.Repeat("x", 20<<20)
	for _, tc := range []struct {
		name, body, want string
	}{
		{"raw", huge, `500 Internal Server Error: \x1b]0;pwned\axxx`},
		{"json", `{"error":"` + strings.Repeat(`\u001b[2J\nFAKE: all good `, 1000) + `"}`, `500 Internal Server Error: \x1b[2J\nFAKE: all good \x1b[2J`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url := hostile(t, answer(500, tc.body), answer(500, tc.body))
			f := write(t, "components", "db\n", 0o644)
			for _, args := range [][]string{
				{"list", "-url", url},
				{"list", "-url", url, "-json"},
				{"set", "-url", url, "db"},
				{"unset", "-url", url, "db"},
				{"unset", "-url", url, "-all"},
				{"flush", "-url", url, "db"},
				{"check", "-components-from", url, f},
			} {
				r := runCmd(args...)
				r.want(t, exitFailure)
				checkOneSafeLine(t, strings.Join(args[:1], " "), r.stderr, 4096+300)
				if !strings.Contains(r.stderr, tc.want) || !strings.HasSuffix(r.stderr, "… [cut at 4096 bytes]\n") {
					t.Errorf("%s: stderr %.200q…%q, want %q and the note of the cut", args[0], r.stderr, r.stderr[max(0, len(r.stderr)-60):], tc.want)
				}
			}
		})
	}
}

// TestHostileStates: an answer of 200 that is not a state, or a state that
// does not hold what was asked, is a failure, and what the command prints of
// it is escaped and bounded.
func TestHostileStates(t *testing.T) {
	until := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	for _, body := range []string{
		`{}`,
		`null`,
		`[]`,
		`"ok"`,
		`{"components":null,"overrides":[]}`,
		`{"components":[],"overrides":{}}`,
		`{"components":[],"overrides":[]}`,
		`{"components":[],"overrides":[{"pattern":"db","level":"info","until":"` + until + `"}]}`,
		`{"components":[],"overrides":[{"pattern":"dbx","level":"debug","until":"` + until + `"}]}`,
		`{"components":[],"overrides":[],"x":"\u001b]0;pwned\u0007` + strings.Repeat("y", 1<<20) + `"}`,
	} {
		url := hostile(t, answer(200, validState), answer(200, body))
		r := runCmd("set", "-url", url, "db", "-for", "1m")
		if r.code != exitFailure {
			t.Errorf("set, answered %.60s: exit %d, want 1; stdout %q", body, r.code, r.stdout)
		}
		checkOneSafeLine(t, "set", r.stderr, 4096+400)
		if !strings.Contains(r.stderr, "not the state of an admin handler") && !strings.Contains(r.stderr, "does not hold the override db=debug") {
			t.Errorf("set, answered %.60s: stderr %.300q", body, r.stderr)
		}
	}
	// A GET answer that is not a state fails list, and set before it
	// writes.
	for _, body := range []string{`{}`, `null`, `{"components":[],"overrides":[]} trailing`} {
		wrote := false
		url := hostile(t, answer(200, body), func(w http.ResponseWriter, r *http.Request) { wrote = true })
		for _, args := range [][]string{{"list", "-url", url}, {"list", "-json", "-url", url}, {"set", "-url", url, "db"}, {"unset", "-url", url, "-all"}} {
			r := runCmd(args...)
			r.want(t, exitFailure)
			if !strings.Contains(r.stderr, "not the state of an admin handler") || r.stdout != "" {
				t.Errorf("%q, answered %s: stdout %q, stderr %q", args, body, r.stdout, r.stderr)
			}
		}
		if wrote {
			t.Errorf("a write followed a GET answered %s", body)
		}
	}
	// unset: a state that still holds the override is a failure.
	held := `{"components":[],"overrides":[{"pattern":"db","level":"debug","until":"` + until + `"}],"file":"","last_reload":{"generation":0,"error":""}}`
	url := hostile(t, answer(200, held), answer(200, held))
	if r := runCmd("unset", "-url", url, "db"); r.code != exitFailure || !strings.Contains(r.stderr, "the answer still holds the override of db") {
		t.Errorf("unset: %d %q", r.code, r.stderr)
	}
	// flush: an answer that is not a Flushed of the pattern.
	for _, body := range []string{`{}`, `{"pattern":"db","flushed":-1}`, `{"pattern":"\u001b[2J","flushed":1}`} {
		url := hostile(t, answer(200, validState), answer(200, body))
		r := runCmd("flush", "-url", url, "db")
		r.want(t, exitFailure)
		checkOneSafeLine(t, "flush", r.stderr, 500)
	}
}

// TestHostileList: list prints whatever a state holds escaped, in the text
// form and in JSON, so that no name, rule, path or error can act on the
// terminal or forge a line; JSON reads back the same strings.
func TestHostileList(t *testing.T) {
	evil := "x\x1b[2J\x1b]0;owned\a\nFAKE: all good\x7f\u009b31m\u202e"
	s := admin.State{
		Components: []admin.Component{{Name: "db" + evil, Rule: evil + ":1"}},
		Overrides:  []admin.Override{{Pattern: "db" + evil, Until: time.Now().Add(time.Hour).UTC()}},
		File:       evil,
		LastReload: admin.Reload{Time: time.Now().UTC(), Generation: 2, Error: evil},
	}
	body, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	url := hostile(t, answer(200, string(body)), answer(500, ""))
	safe := func(r rune) bool { return r < 0x20 && r != '\n' || r >= 0x7f && r <= 0x9f || r == '\u202e' }
	r := runCmd("list", "-url", url)
	r.want(t, exitOK)
	if i := strings.IndexFunc(r.stdout, safe); i >= 0 {
		t.Errorf("list: a raw control character at %d:\n%q", i, r.stdout)
	}
	if lines := strings.Count(r.stdout, "\n"); lines != 7 || strings.Contains(r.stdout, "\nFAKE") {
		t.Errorf("list: %d lines, want 7:\n%s", lines, r.stdout)
	}
	r = runCmd("list", "-url", url, "-json")
	r.want(t, exitOK)
	if i := strings.IndexFunc(strings.TrimSuffix(r.stdout, "\n"), safe); i >= 0 || strings.Count(r.stdout, "\n") != 1 {
		t.Errorf("list -json: a raw control character at %d:\n%q", i, r.stdout)
	}
	var back admin.State
	if err := json.Unmarshal([]byte(r.stdout), &back); err != nil || back.File != evil || back.Components[0].Name != "db"+evil || back.LastReload.Error != evil {
		t.Errorf("list -json reads back as %+v, %v", back, err)
	}
}

// TestCheckComponentsFromInvalidName: a name that no process registers, from
// a server, is a failure with a message, not a panic.
func TestCheckComponentsFromInvalidName(t *testing.T) {
	url := hostile(t, answer(200, `{"components":[{"name":"db\u001b[31m","level":"info","rule":""}],"overrides":[]}`), answer(500, ""))
	f := write(t, "components", "db\n", 0o644)
	r := runCmd("check", "-components-from", url, f)
	r.want(t, exitFailure)
	if want := "scopelog check: GET " + url + `: not the state of an admin handler: component: invalid name "db\x1b[31m"`; !strings.HasPrefix(r.stderr, want) {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	checkOneSafeLine(t, "check", r.stderr, 500)
}
