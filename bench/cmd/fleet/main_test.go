package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/scopelog/scopelog/bench/internal/fleet"
)

func TestParse(t *testing.T) {
	o, err := parse(nil, new(bytes.Buffer))
	if err != nil {
		t.Fatal(err)
	}
	if o.cfg.N != 20 || o.cfg.Rounds != 10 || o.cfg.Warmup != 1 || o.cfg.Debounce != 100*time.Millisecond || o.cfg.Lead != time.Second || !o.write {
		t.Errorf("defaults: %+v", o)
	}
	o, err = parse([]string{"-n", "3", "-rounds", "2", "-warmup", "0", "-debounce", "10ms", "-lead", "200ms", "-write=false"}, new(bytes.Buffer))
	if err != nil {
		t.Fatal(err)
	}
	if o.cfg.N != 3 || o.cfg.Rounds != 2 || o.cfg.Warmup != 0 || o.cfg.Debounce != 10*time.Millisecond || o.cfg.Lead != 200*time.Millisecond || o.write {
		t.Errorf("flags: %+v", o)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-n", "0"},
		{"-rounds", "-1"},
		{"-warmup", "-1"},
		{"-debounce", "0s"},
		{"-lead", "150ms"}, // no later than debounce + 50 ms
		{"-n", "many"},
		{"extra"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "fleet:") && !strings.Contains(stderr.String(), "invalid") {
			t.Errorf("run(%q) = %d, %q; want 2 and a message", args, code, stderr.String())
		}
	}
	var stderr bytes.Buffer
	if code := run([]string{"-h"}, new(bytes.Buffer), &stderr); code != 0 || !strings.Contains(stderr.String(), "-rounds") {
		t.Errorf("run(-h) = %d, %q; want 0 and the flags", code, stderr.String())
	}
}

func TestRewrite(t *testing.T) {
	dir := t.TempDir()
	block := fleet.BeginMarker + "\nnew\n" + fleet.EndMarker + "\n"
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	p := write("spliced", "a\n"+fleet.BeginMarker+"\nold\n"+fleet.EndMarker+"\nb\n")
	if err := rewrite(p, block, false); err != nil || read(p) != "a\n"+block+"b\n" {
		t.Errorf("splice: %v, %q", err, read(p))
	}
	p = write("appended", "# Results\n\ntext\n\n\n")
	if err := rewrite(p, block, true); err != nil || read(p) != "# Results\n\ntext\n\n"+block {
		t.Errorf("append: %v, %q", err, read(p))
	}
	p = write("alone", "# README\n")
	if err := rewrite(p, block, false); !errors.Is(err, errNoMarkers) || read(p) != "# README\n" {
		t.Errorf("no markers: %v, %q; want errNoMarkers and the file unchanged", err, read(p))
	}
	p = filepath.Join(dir, "new")
	if err := rewrite(p, block, true); err != nil || read(p) != block {
		t.Errorf("a missing file to append to: %v", err)
	}
	if err := rewrite(filepath.Join(dir, "missing"), block, false); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing README: %v, want os.ErrNotExist", err)
	}
}

func TestStatNice(t *testing.T) {
	for stat, want := range map[string]int{
		"4242 (fleet) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 10 -10 8 0 123 456 789": -10,
		"4242 (a) b (c) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 8 0 123 456 789": 0,
		"4242 (x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 39 19 8":                    19,
		"4242 (short) S 1":           0,
		"no parenthesis at all here": 0,
	} {
		if got := statNice(stat); got != want {
			t.Errorf("statNice(%q) = %d, want %d", stat, got, want)
		}
	}
}
