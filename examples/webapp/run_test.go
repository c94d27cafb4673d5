package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/scopelog/scopelog/internal/wait"
)

// syncBuffer is a log destination that tests can read while run writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// lines returns the JSON lines written so far, decoded.
func (b *syncBuffer) lines(t *testing.T) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(b.buf.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line is not JSON: %q", line)
		}
		out = append(out, m)
	}
	return out
}

func (b *syncBuffer) find(t *testing.T, logger, msg string) map[string]any {
	for _, m := range b.lines(t) {
		if m["logger"] == logger && m["msg"] == msg {
			return m
		}
	}
	return nil
}

// startRun runs the app in-process until ctx is done, and returns its logs,
// the address it listens on, and where run's result will be sent.
func startRun(t *testing.T, ctx context.Context, cfg config) (*syncBuffer, string, <-chan error) {
	t.Helper()
	logs := new(syncBuffer)
	ran := make(chan error, 1)
	go func() { ran <- run(ctx, cfg, logs) }()
	var addr string
	wait.For(t, "the listening line", func() bool {
		if m := logs.find(t, "webapp", "listening"); m != nil {
			addr, _ = m["addr"].(string)
		}
		return addr != ""
	})
	return logs, addr, ran
}

// TestRunShutsDownGracefully runs the whole app in-process: a request in
// flight when the shutdown begins still completes, and every goroutine
// stops (TestMain checks for leaks).
func TestRunShutsDownGracefully(t *testing.T) {
	dir := t.TempDir()
	components := filepath.Join(dir, "components")
	if err := os.WriteFile(components, []byte("clock\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg := config{addr: "127.0.0.1:0", components: components, delay: 20 * time.Millisecond, signal: "USR2", watch: true}
	logs, addr, ran := startRun(t, ctx, cfg)
	got := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + addr + "/")
		if err != nil {
			got <- err.Error()
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		got <- resp.Status + " " + string(b)
	}()
	wait.For(t, "the request to be in flight", func() bool { return logs.find(t, "clock", "in for loop") != nil })
	cancel()
	select {
	case err := <-ran:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(deadline):
		t.Fatal("run did not return after its context was canceled")
	}
	if resp := <-got; !strings.HasPrefix(resp, "200 OK 20") {
		t.Errorf("the request in flight got %q, want 200 and the time", resp)
	}
	if logs.find(t, "webapp", "stopped") == nil {
		t.Error("no 'stopped' line")
	}
	ann := logs.find(t, "webapp", "to see the debug lines of saas.client, run command; to hide them again, run off")
	if ann == nil {
		t.Fatal("no announcement of the debug command")
	}
	if want := "echo saas.client > " + components + " && kill -USR2 "; !strings.HasPrefix(ann["command"].(string), want) {
		t.Errorf("command = %q, want %q<pid>", ann["command"], want)
	}
}

func TestRunBadSignal(t *testing.T) {
	err := run(context.Background(), config{addr: "127.0.0.1:0", components: "x", signal: "TERM"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), `-signal "TERM"`) {
		t.Errorf("run = %v, want the -signal error", err)
	}
}

func TestRunAddressInUse(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg := config{addr: "127.0.0.1:0", components: filepath.Join(t.TempDir(), "components"), signal: "USR2"}
	_, addr, ran := startRun(t, ctx, cfg)
	cfg.addr = addr
	if err := run(ctx, cfg, io.Discard); err == nil || !strings.Contains(err.Error(), addr) {
		t.Errorf("a second run on %s = %v, want an error naming the address", addr, err)
	}
	cancel()
	if err := <-ran; err != nil {
		t.Error(err)
	}
}
