package admin

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/registry"
)

// hostileDir is a directory name that another user could make, to clear
// the operator's screen, set the terminal's title and forge a line.
const hostileDir = "\x1b[2J\x1b]0;owned\a\nFAKE: all good"

// TestTextEscapes: the text form shows a file path with terminal escapes
// and a newline, in the rule column, the file and a reload error, escaped,
// on the lines it belongs to.
func TestTextEscapes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no control characters in Windows file names")
	}
	dir := filepath.Join(t.TempDir(), hostileDir)
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "components")
	if err := os.WriteFile(file, []byte("clock\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	reg := registry.New(registry.WithFile(file), registry.WithCore(zapcore.NewNopCore()))
	reg.Component("clock")
	if err := reg.Reload(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte("clock=loud\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := reg.Reload(); err == nil {
		t.Fatal("a bad level reloaded")
	}
	req := httptest.NewRequest("GET", "/?format=text", nil)
	req.RemoteAddr, req.Host = "127.0.0.1:1", "localhost"
	w := httptest.NewRecorder()
	Handler(reg).ServeHTTP(w, req)
	body := w.Body.String()
	if strings.ContainsAny(body, "\x1b\a") {
		t.Errorf("raw escapes in the text form:\n%q", body)
	}
	escaped := `\x1b[2J\x1b]0;owned\a\nFAKE: all good`
	lines := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
	if len(lines) != 7 || strings.HasPrefix(lines[len(lines)-1], "FAKE") {
		t.Fatalf("%d lines, want 7:\n%s", len(lines), body)
	}
	if !strings.HasPrefix(lines[1], "clock ") || !strings.Contains(lines[1], escaped+"/components:1") {
		t.Errorf("clock's line %q, want the rule's path escaped", lines[1])
	}
	if last := lines[6]; !strings.HasPrefix(last, "last reload: ") || strings.Count(last, escaped) != 2 {
		t.Errorf("last line %q, want the reload error and the file escaped", last)
	}
}
