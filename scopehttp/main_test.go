package scopehttp

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"go.uber.org/goleak"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// sink is a JSON core whose entries a test reads back.
type sink struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *sink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *sink) core() zapcore.Core {
	cfg := zap.NewProductionEncoderConfig()
	cfg.TimeKey = ""
	return zapcore.NewCore(zapcore.NewJSONEncoder(cfg), zapcore.AddSync(s), zapcore.DebugLevel)
}

// logger returns a component at Info writing to s.
func (s *sink) logger(name string) *component.Logger {
	return component.New(name, s.core(), component.NewLevel(zapcore.InfoLevel))
}

func (s *sink) entries(t *testing.T) []map[string]any {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(s.buf.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("invalid JSON line %q: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

func (s *sink) messages(t *testing.T) []string {
	var msgs []string
	for _, e := range s.entries(t) {
		msgs = append(msgs, e["msg"].(string))
	}
	return msgs
}

var testKey = []byte("0123456789abcdef0123456789abcdef-test")
