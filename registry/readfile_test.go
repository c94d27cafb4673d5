package registry

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"go.uber.org/zap/zapcore"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "components")
	mustNil(t, os.WriteFile(path, []byte("db=debug\nsaas.client\n"), 0o600))
	rules, err := ReadFile(path)
	if err != nil || len(rules) != 2 || rules[1].Pattern != "saas.client" || rules[0].Level != zapcore.DebugLevel {
		t.Fatalf("ReadFile = %v, %v", rules, err)
	}
	if _, err := ReadFile(filepath.Join(dir, "none")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
	mustNil(t, os.WriteFile(path, []byte("db=loud\n"), 0o600))
	var se *SyntaxError
	if _, err := ReadFile(path); !errors.As(err, &se) || se.Line != 1 {
		t.Errorf("bad file: %v, want a *SyntaxError on line 1", err)
	}
	// Reading records nothing and applies nothing: a registry on the same
	// file keeps its defaults.
	reg := New(WithFile(path))
	if reg.Component("db").Level() != zapcore.InfoLevel {
		t.Error("ReadFile applied something")
	}
}

// A sparse 4 GiB file is refused as fast as a small one: nothing reads
// more than MaxFileSize+1 bytes.
func TestReadFileHuge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "components")
	mustNil(t, os.WriteFile(path, nil, 0o600))
	if err := os.Truncate(path, 4<<30); err != nil {
		t.Skipf("cannot make a 4 GiB sparse file here: %v", err)
	}
	start := time.Now()
	_, err := ReadFile(path)
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("refusing a 4 GiB file took %v", d)
	}
	if !errors.Is(err, ErrTooLarge) || !strings.HasSuffix(err.Error(), ": registry: file larger than 1 MiB: 4294967296 bytes") {
		t.Errorf("error %v", err)
	}
}

func TestUTF16IsNamed(t *testing.T) {
	encode := func(s string, bigEndian, bom bool) []byte {
		var out []byte
		if bom {
			s = "\uFEFF" + s
		}
		for _, u := range utf16.Encode([]rune(s)) {
			if bigEndian {
				out = append(out, byte(u>>8), byte(u))
			} else {
				out = append(out, byte(u), byte(u>>8))
			}
		}
		return out
	}
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"Notepad's Unicode", encode("db\r\n", false, true), "UTF-16 (little-endian)"},
		{"little-endian, no BOM", encode("# rules\r\ndb\r\n", false, false), "UTF-16 (little-endian)"},
		{"big-endian", encode("db\n", true, true), "UTF-16 (big-endian)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "components")
			mustNil(t, os.WriteFile(path, tt.data, 0o600))
			_, err := ReadFile(path)
			if !errors.Is(err, ErrUTF16) {
				t.Fatalf("error %v, want ErrUTF16", err)
			}
			want := path + ": registry: UTF-16 text refused: save the file as UTF-8: it is " + tt.want + `, as Notepad's "Unicode" saves it`
			if err.Error() != want {
				t.Errorf("error\n got %s\nwant %s", err, want)
			}
		})
	}
	// UTF-8, with Notepad's byte order mark or without, is not mistaken for
	// it.
	path := filepath.Join(t.TempDir(), "components")
	for _, s := range []string{"\uFEFFdb\n", "db\n", "é"} {
		mustNil(t, os.WriteFile(path, []byte(s), 0o600))
		if _, err := ReadFile(path); errors.Is(err, ErrUTF16) {
			t.Errorf("%q taken for UTF-16", s)
		}
	}
}

func TestMissingDir(t *testing.T) {
	dir := t.TempDir()
	if got := missingDir(filepath.Join(dir, "components")); got != "" {
		t.Errorf("existing directory reported missing: %q", got)
	}
	typo := filepath.Join(dir, "etc", "myap")
	if got := missingDir(filepath.Join(typo, "components")); got != typo {
		t.Errorf("missingDir = %q, want %q", got, typo)
	}
}
