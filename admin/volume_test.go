package admin

import (
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/scopelog/scopelog/internal/wait"
)

// volumeFixture has clock at debug limited to 2 entries a minute, after 5
// debug entries and the Warn entry that reports the 3 it dropped, and http
// after 3 info entries.
func volumeFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	if err := os.WriteFile(f.file, []byte("clock limit=2/m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := f.reg.Reload(); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		f.reg.Component("clock").Debug("tick")
	}
	for range 3 {
		f.reg.Component("http").Info("request")
	}
	wait.For(t, "the report of the drops", func() bool { return f.logs.FilterMessageSnippet("dropped").Len() == 1 })
	return f
}

func TestStateShowsVolume(t *testing.T) {
	f := volumeFixture(t)
	s := f.state(f.do(http.MethodGet, "/", ""))
	for _, c := range s.Components {
		switch c.Name {
		case "clock":
			if c.Limit != "2/m" || c.Dropped != 3 || c.Written["debug"] != 2 || c.Written["warn"] != 1 || len(c.Written) != 2 {
				t.Errorf("clock: %+v, want limit 2/m, 3 dropped, 2 debug and 1 warn written", c)
			}
		case "http":
			if c.Limit != "" || c.Dropped != 0 || c.Written["info"] != 3 {
				t.Errorf("http: %+v", c)
			}
		}
	}
	w := f.do(http.MethodGet, "/?format=text", "")
	want := "NAME         LEVEL  RULE          EXPIRES  WRITTEN  DROPPED\n" +
		"clock        debug  components:1  -        2/3      3 (2/m)\n" +
		"http         info   -             -        0/3      -\n" +
		"saas.client  info   -             -        0/0      -\n" +
		"scopelog     info   -             -        0/2      -\n"
	if !strings.HasPrefix(w.Body.String(), want) {
		t.Errorf("text:\n%s\nwant it to start with\n%s", w.Body, want)
	}
	// Without a limit, the column and the JSON keys are absent.
	f = newFixture(t)
	if w := f.do(http.MethodGet, "/?format=text", ""); strings.Contains(w.Body.String(), "DROPPED") {
		t.Errorf("a DROPPED column with nothing limited:\n%s", w.Body)
	}
	if w := f.do(http.MethodGet, "/", ""); strings.Contains(w.Body.String(), `"limit"`) || strings.Contains(w.Body.String(), `"dropped"`) {
		t.Errorf("limit keys with nothing limited: %s", w.Body)
	}
}

func TestVarShowsVolume(t *testing.T) {
	f := volumeFixture(t)
	m := decodeVar(t, Var(f.reg).String())
	if got := m["written"]; !equalJSON(got, map[string]any{
		"clock":    map[string]any{"debug": 2.0, "warn": 1.0},
		"http":     map[string]any{"info": 3.0},
		"scopelog": map[string]any{"info": 2.0},
	}) {
		t.Errorf("written %v", got)
	}
	if got := m["dropped"]; !equalJSON(got, map[string]any{"clock": 3.0}) {
		t.Errorf("dropped %v", got)
	}
}
