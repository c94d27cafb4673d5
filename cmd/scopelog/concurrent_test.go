package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"slices"
	"testing"

	"github.com/scopelog/scopelog/registry"
)

// TestConcurrentSetFile runs 20 processes of the command at once, each
// setting its own pattern in one file: the lock makes them take turns, so
// the file ends with all 20 rules. (Without it, each read the file, added
// its line and renamed its copy over the others'.)
func TestConcurrentSetFile(t *testing.T) {
	if !dirLocks {
		t.Skip("no directory locks on this system: concurrent edits can lose one (documented)")
	}
	bin := build(t)
	f := write(t, "components", "# twenty editors at once\n", 0o644)
	type run struct {
		cmd    *exec.Cmd
		stderr bytes.Buffer
	}
	runs := make([]*run, 20)
	for i := range runs {
		r := &run{cmd: exec.Command(bin, "set", "-file", f, "-for", "0", fmt.Sprintf("c%d=info", i))}
		r.cmd.Stderr = &r.stderr
		runs[i] = r
	}
	for _, r := range runs {
		if err := r.cmd.Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, r := range runs {
		if err := r.cmd.Wait(); err != nil {
			t.Errorf("set c%d: %v\n%s", i, err, r.stderr.String())
		}
	}
	rules, err := registry.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rules {
		got = append(got, r.Pattern)
	}
	slices.Sort(got)
	var want []string
	for i := range runs {
		want = append(want, fmt.Sprintf("c%d", i))
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%d rules in the file, want 20: %v\n%s", len(got), got, read(t, f))
	}
}
