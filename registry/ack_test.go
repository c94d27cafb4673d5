package registry

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// TestAckStaysSmall: whatever the file holds, the acknowledgement of its
// reload, as JSON, stays under 8 KiB, and names the unmatched rules at Warn.
func TestAckStaysSmall(t *testing.T) {
	long := func(c string, n int) string { return strings.Repeat(c, n) }
	var many, expired, similar strings.Builder
	for i := 0; many.Len() < MaxFileSize-20; i++ {
		fmt.Fprintf(&many, "u%d\n", i)
	}
	for i := 0; expired.Len() < MaxFileSize-300; i++ {
		fmt.Fprintf(&expired, "%s%d=debug until=2001-01-01T00:00:00Z\n", long("e", 200), i)
	}
	for i := range 1000 {
		fmt.Fprintf(&similar, "%s%03d\n", long("s", 300), i)
	}
	tests := []struct {
		name, content string
		level         string
		more          bool // whether a list is cut, with a count of the rest
	}{
		{"one 900 KB pattern", long("p", 900_000) + "\n", "warn", false},
		{"1 MiB of short unmatched rules", many.String(), "warn", true},
		{"1 MiB of long expired rules", expired.String(), "info", true},
		{"long rules close to long names", similar.String(), "warn", true},
		{"a long pattern the core drops", long("d", 5000) + "=debug\n", "warn", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			core := zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()), zapcore.AddSync(&buf), zapcore.InfoLevel)
			file := filepath.Join(t.TempDir(), "components")
			reg := New(WithCore(core), WithFile(file))
			t.Cleanup(reg.stopTimer)
			for i := range 100 {
				reg.Component(fmt.Sprintf("%s%03d.x", long("s", 300), i))
				reg.Component(fmt.Sprintf("c%d", i))
			}
			writeFile(tt.content, 0o644)(t, file)
			mustNil(t, reg.Reload())
			ack := buf.Bytes()
			if bytes.Count(ack, []byte("\n")) != 1 {
				t.Fatalf("%d entries logged, want 1", bytes.Count(ack, []byte("\n")))
			}
			if len(ack) >= 8<<10 {
				t.Fatalf("acknowledgement of %d bytes, want under 8 KiB: %.500s…", len(ack), ack)
			}
			if !bytes.HasPrefix(ack, []byte(`{"level":"`+tt.level+`"`)) || bytes.Contains(ack, []byte(" more\"")) != tt.more {
				t.Errorf("acknowledgement not at %s, or a count of the rest missing or unexpected: %.800s", tt.level, ack)
			}
			t.Logf("%d bytes", len(ack))
		})
	}
}
