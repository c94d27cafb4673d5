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
