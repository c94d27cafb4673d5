package registry

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// lineWriter keeps every line written, failing on any that is torn.
type lineWriter struct {
	mu    sync.Mutex
	lines [][]byte
	torn  int
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !bytes.HasSuffix(p, []byte("\n")) || bytes.Count(p, []byte("\n")) != 1 {
		w.torn++
	}
	w.lines = append(w.lines, bytes.Clone(p))
	return len(p), nil
}

// TestStressRecording: 4 goroutines log numbered Debug entries on a
// recording component while a fifth logs errors on it and a sixth reloads
// the file, keeping its rule. Every numbered entry must come out exactly
// once, recorded, and in its goroutine's order; none is torn.
func TestStressRecording(t *testing.T) {
	if testing.Short() {
		t.Skip("a long stress test; CI runs it in full (.ci/run has no -short)")
	}
	const (
		loggers = 4
		each    = 400 // 1,600 entries of ~400 B stay under the 1 MiB bound
	)
	w := &lineWriter{}
	core := zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()), zapcore.AddSync(w), zapcore.DebugLevel)
	file := filepath.Join(t.TempDir(), "components")
	reg := New(WithCore(core), WithFile(file))
	client := reg.Component("saas.client")
	files := []string{
		"saas.client=info record=10000\nhttp=warn\n",
		"http=info\nsaas.client=info record=10000\n",
	}
	if err := os.WriteFile(file, []byte(files[0]), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := reg.Reload(); err != nil {
		t.Fatal(err)
	}

	var logging sync.WaitGroup
	var done atomic.Bool
	var errorsLogged, reloads atomic.Int64
	for g := range loggers {
		logging.Add(1)
		go func() {
			defer logging.Done()
			l := client.With(zap.Int("g", g))
			for seq := range each {
				// Pace the loggers so that errors and reloads are
				// interleaved with all of their work.
				for seq%50 == 0 && (errorsLogged.Load() < int64(seq/50) || reloads.Load() < int64(seq/50)) {
					runtime.Gosched()
				}
				switch seq % 3 {
				case 0:
					l.Debug("step", zap.Int("seq", seq))
				case 1:
					l.DebugEvent().Int("seq", seq).Msg("step")
				default:
					l.Sugar().Debugw("step", "seq", seq)
				}
			}
		}()
	}
	var others sync.WaitGroup
	others.Add(2)
	go func() {
		defer others.Done()
		for !done.Load() {
			client.Error("failed")
			errorsLogged.Add(1)
		}
	}()
	go func() {
		defer others.Done()
		for i := 0; !done.Load(); i++ {
			if err := os.WriteFile(file, []byte(files[i%2]), 0o644); err != nil {
				t.Error(err)
				return
			}
			if err := reg.Reload(); err != nil {
				t.Error(err)
				return
			}
			reloads.Add(1)
		}
	}()
	logging.Wait()
	done.Store(true)
	others.Wait()
	reg.Flush("*")

	w.mu.Lock()
	defer w.mu.Unlock()
	if w.torn > 0 {
		t.Errorf("%d torn lines", w.torn)
	}
	next := make([]int, loggers)
	flushed := 0
	for _, line := range w.lines {
		var e struct {
			Logger   string `json:"logger"`
			Msg      string `json:"msg"`
			G        *int   `json:"g"`
			Seq      int    `json:"seq"`
			Recorded bool   `json:"recorded"`
		}
		if err := json.Unmarshal(line, &e); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		if e.Logger != "saas.client" || e.Msg != "step" {
			continue
		}
		if e.G == nil || !e.Recorded {
			t.Fatalf("a step entry without its goroutine or recorded=true: %s", line)
		}
		if e.Seq != next[*e.G] {
			t.Fatalf("goroutine %d: entry %d after %d: lost, duplicated or out of order", *e.G, e.Seq, next[*e.G]-1)
		}
		next[*e.G]++
		flushed++
	}
	for g, n := range next {
		if n != each {
			t.Errorf("goroutine %d: %d entries written, want %d", g, n, each)
		}
	}
	if st := reg.Components(); st[0].Name != "saas.client" || st[0].Recorded != 0 {
		t.Errorf("status after the final flush: %+v", st[0])
	}
	t.Logf("%d entries flushed, %d errors logged, %d reloads", flushed, errorsLogged.Load(), reloads.Load())
}
