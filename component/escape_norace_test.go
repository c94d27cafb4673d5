//go:build !race

package component

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestFieldsDoNotEscape compiles testdata/escape with the compiler's
// optimisation report and checks that the variadic fields of a Debug call
// stay on the caller's stack and that Debug is inlined there.
//
// It does not run under -race, which stops Debug from being inlined, and
// whose test binaries share none of the compiled packages this build needs:
// with an empty build cache, it alone would double the time of
// go test -race ./... . .ci/run runs it without -race.
func TestFieldsDoNotEscape(t *testing.T) {
	src, data := compileReport(t, "escape")
	line := markLine(t, src)
	prefix := "testdata/escape/main.go:" + line + ":"
	var inlined, argNoEscape bool
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		msg := sc.Text()
		if !strings.Contains(msg, prefix) {
			continue
		}
		switch {
		case strings.Contains(msg, "inlining call to component.(*Logger).Debug"):
			inlined = true
		case strings.Contains(msg, "... argument does not escape"):
			argNoEscape = true
		case strings.Contains(msg, "... argument escapes to heap"):
			t.Errorf("variadic fields escape: %s", msg)
		}
	}
	if !inlined {
		t.Errorf("Debug is not inlined at %s\n%s", prefix, data)
	}
	if !argNoEscape {
		t.Errorf("compiler did not report the fields as not escaping at %s\n%s", prefix, data)
	}
}

// compileReport builds the program testdata/<dir> with the compiler's
// optimisation report (-gcflags=-m), and returns the path of its main.go
// and the report. It skips the test under -short, or with no go command.
func compileReport(t *testing.T, dir string) (src string, report []byte) {
	t.Helper()
	if testing.Short() {
		t.Skip("compiles a program")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	data, err := exec.Command(goTool, "build", "-gcflags=-m", "-o", filepath.Join(t.TempDir(), dir), "./testdata/"+dir).CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, data)
	}
	return filepath.Join("testdata", dir, "main.go"), data
}

func markLine(t *testing.T, path string) string {
	t.Helper()
	return markedLine(t, path, "// MARK")
}

// markedLine returns the number of the line of path that ends with mark.
func markedLine(t *testing.T, path, mark string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(data), "\n") {
		if strings.HasSuffix(line, mark) {
			return strconv.Itoa(i + 1)
		}
	}
	t.Fatalf("no %s line in %s", mark, path)
	return ""
}
