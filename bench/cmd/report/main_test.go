package main

import (
	"os/exec"
	"strings"
	"testing"
)

func TestShellQuote(t *testing.T) {
	args := []string{"go", "test", "-run", "^$", "-bench", ".", "-cpu", "1,2", "-skip", "^BenchmarkParallel", "it's", ""}
	got := shellQuote(args)
	want := `go test -run '^$' -bench . -cpu 1,2 -skip '^BenchmarkParallel' 'it'\''s' ''`
	if got != want {
		t.Fatalf("shellQuote = %s\nwant          %s", got, want)
	}
	// A POSIX shell reads the line back as the same arguments.
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh to check against")
	}
	out, err := exec.Command(sh, "-c", `printf '[%s]' `+got[len("go "):]).Output()
	if err != nil {
		t.Fatal(err)
	}
	if w := "[" + strings.Join(args[1:], "][") + "]"; string(out) != w {
		t.Errorf("sh read back %s, want %s", out, w)
	}
}

// The report says up front what it rewrites and how long it takes, and
// that -quick rewrites nothing.
func TestPlan(t *testing.T) {
	for _, c := range []struct {
		o    options
		want []string
		not  []string
	}{
		{options{count: 6, readme: true}, []string{"about 15 minutes", "RESULTS.md", "overhead.svg", "README.md", "-quick is a smaller run that rewrites nothing"}, nil},
		{options{count: 2, readme: false}, []string{"about 5 minutes", "README.md is left alone"}, nil},
		{options{count: 1, quick: true, readme: true}, []string{"-quick", "rewrites nothing"}, []string{"RESULTS.md"}},
	} {
		got := plan(c.o)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("plan(%+v) = %q: no %q", c.o, got, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(got, w) {
				t.Errorf("plan(%+v) = %q: names %q", c.o, got, w)
			}
		}
	}
}
