package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/admin"
	"github.com/scopelog/scopelog/registry"
)

// TestFrontDoorsAgree feeds the same 40 values of a level, an until and a
// for to the components file's parser, the admin handler and the command:
// each is accepted by all three or by none. The file has no for= (it has no
// "now"), so there a duration counts as accepted when the file understands
// it well enough to write the until= it stands for.
//
// The untils are all in the future, and the registry allows overrides up to
// 100 years ahead, so that only the parsing decides: a past until is fine in
// a file (the rule has expired) and refused by an override, by design.
func TestFrontDoorsAgree(t *testing.T) {
	reg := registry.New(registry.WithCore(zapcore.NewNopCore()), registry.WithMaxOverride(100*365*24*time.Hour))
	reg.Component("db")
	srv := httptest.NewServer(admin.Handler(reg))
	defer srv.Close()

	hour := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	type input struct {
		kind  string // level, until or for
		value string
		ok    bool // what all three must say
	}
	inputs := []input{
		{"level", "debug", true},
		{"level", "info", true},
		{"level", "warn", true},
		{"level", "error", true},
		{"level", "dpanic", true},
		{"level", "panic", true},
		{"level", "fatal", true},
		{"level", "DEBUG", true},
		{"level", "eRRor", true},
		{"level", "warning", false},
		{"level", "verbose", false},
		{"level", "0", false},
		{"level", "-1", false},
		{"until", hour.Format(time.RFC3339), true},
		{"until", hour.In(time.FixedZone("", 2*3600)).Format(time.RFC3339), true},
		{"until", hour.Add(500 * time.Millisecond).Format(time.RFC3339Nano), true},
		{"until", hour.Add(123456789).Format(time.RFC3339Nano), true},
		{"until", "2099-01-01T00:00:00Z", true},
		{"until", "2099-02-30T00:00:00Z", false},
		{"until", "2099-01-01T24:00:00Z", false},
		{"until", hour.Format("2006-01-02"), false},
		{"until", hour.Format("2006-01-02T15:04:05"), false},
		{"until", hour.Format("2006-01-02 15:04:05Z07:00"), false},
		{"until", "9999-12-31T23:00:00-01:00", false},
		{"until", "1969-12-31T23:59:59Z", false},
		{"until", "tomorrow", false},
		{"for", "1s", true},
		{"for", "90s", true},
		{"for", "15m", true},
		{"for", "1h30m", true},
		{"for", "1.5h", true},
		{"for", "2d", true},
		{"for", "3650d", true},
		{"for", "0", false},
		{"for", "999ms", false},
		{"for", "-5m", false},
		{"for", "1.5d", false},
		{"for", "2d12h", false},
		{"for", "3651d", false},
		{"for", "15 minutes", false},
	}
	if len(inputs) != 40 {
		t.Fatalf("%d inputs, want 40", len(inputs))
	}
	for _, in := range inputs {
		file, handler, command := fileAccepts(in.kind, in.value), handlerAccepts(t, srv.URL, in.kind, in.value), commandAccepts(srv.URL, in.kind, in.value)
		if file != in.ok || handler != in.ok || command != in.ok {
			t.Errorf("%s %q: file %v, handler %v, command %v; want %v for all", in.kind, in.value, file, handler, command, in.ok)
		}
	}
}

// fileAccepts reports whether the components file takes the value.
func fileAccepts(kind, value string) bool {
	line := map[string]string{"level": "db=" + value, "until": "db until=" + value, "for": "db for=" + value}[kind]
	_, err := registry.Parse("components", []byte(line))
	if kind != "for" {
		return err == nil
	}
	var se *registry.SyntaxError
	return errors.As(err, &se) && !strings.Contains(se.Msg, "an absolute until=<RFC 3339 time>")
}

// handlerAccepts reports whether the admin handler sets an override of the
// value.
func handlerAccepts(t *testing.T, url, kind, value string) bool {
	body, _ := json.Marshal(map[string]string{"pattern": "db", kind: value})
	req, _ := http.NewRequest("PUT", url, strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	resp, err := testClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// commandAccepts reports whether scopelog set takes the value.
func commandAccepts(url, kind, value string) bool {
	args := map[string][]string{"level": {"db=" + value}, "until": {"-until", value, "db"}, "for": {"-for", value, "db"}}[kind]
	return runCmd(append([]string{"set", "-url", url}, args...)...).code == exitOK
}
