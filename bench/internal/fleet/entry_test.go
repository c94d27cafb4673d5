package fleet

import (
	"strings"
	"testing"
	"time"
)

func TestParseEntry(t *testing.T) {
	line := `{"level":"info","ts":"2026-11-26T08:50:00.123456789Z","logger":"scopelog","msg":"components reloaded","file":"/v/components","generation":2,"changed":["db: warn→debug until 2026-11-26T08:50:01Z"]}`
	e, err := ParseEntry([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 11, 26, 8, 50, 0, 123456789, time.UTC)
	if !e.Time.Equal(want) || e.Level != "info" || e.Logger != "scopelog" || e.Msg != "components reloaded" {
		t.Errorf("got %+v", e)
	}
	if from, to, ok := e.Change("db"); !ok || from != "warn" || to != "debug" {
		t.Errorf(`Change("db") = %q, %q, %v; want "warn", "debug", true`, from, to, ok)
	}
	if e.Expiry() || e.Failure() {
		t.Errorf("a reload's acknowledgement taken for an expiry (%v) or a failure (%v)", e.Expiry(), e.Failure())
	}
}

func TestParseEntryEpochSeconds(t *testing.T) {
	// zap's default encoding of the time stamp.
	e, err := ParseEntry([]byte(`{"level":"info","ts":1795683000.25,"msg":"x"}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Unix(1795683000, 250_000_000); !e.Time.Equal(want) {
		t.Errorf("Time = %v, want %v", e.Time, want)
	}
}

func TestParseEntryErrors(t *testing.T) {
	for _, line := range []string{
		``,
		`panic: boom`,
		`{"level":"info","msg":"no time stamp"}`,
		`{"ts":"yesterday"}`,
		`{"ts":true}`,
		`{"ts":-1}`,
		`{"ts":1e300}`,
	} {
		if e, err := ParseEntry([]byte(line)); err == nil {
			t.Errorf("ParseEntry(%q) = %+v, want an error", line, e)
		} else if !strings.HasPrefix(err.Error(), "fleet: ") {
			t.Errorf("ParseEntry(%q): error %q lacks the package prefix", line, err)
		}
	}
}

func TestChange(t *testing.T) {
	e := Entry{Changed: []string{"dbx: info→warn", "db.pool: info→warn", "db: malformed", "db: debug→warn", "db: info→error"}}
	if from, to, ok := e.Change("db"); !ok || from != "debug" || to != "warn" {
		t.Errorf(`Change("db") = %q, %q, %v; want the first well-formed entry of db itself, "debug", "warn"`, from, to, ok)
	}
	if _, _, ok := e.Change("http"); ok {
		t.Error(`Change("http") found a change of a component that is not listed`)
	}
	if _, _, ok := (Entry{}).Change("db"); ok {
		t.Error("an entry with no changed list has a change")
	}
}

func TestExpiryAndFailure(t *testing.T) {
	for _, c := range []struct {
		e               Entry
		expiry, failure bool
	}{
		{Entry{Logger: "scopelog", Level: "info", Msg: "components rule expired"}, true, false},
		{Entry{Logger: "db", Level: "info", Msg: "session expired"}, false, false},
		{Entry{Logger: "scopelog", Level: "error", Msg: "components reload failed; levels unchanged"}, false, true},
		{Entry{Logger: "scopelog", Level: "warn", Msg: "components file not found"}, false, false},
		{Entry{Logger: "db", Level: "error", Msg: "query failed"}, false, false},
	} {
		if got := c.e.Expiry(); got != c.expiry {
			t.Errorf("%+v: Expiry() = %v", c.e, got)
		}
		if got := c.e.Failure(); got != c.failure {
			t.Errorf("%+v: Failure() = %v", c.e, got)
		}
	}
}
