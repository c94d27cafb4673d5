//go:build !race

package scopehttp

import (
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"

	"go.uber.org/zap"
)

func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestRecorderBudgetBoundsTheHeap runs 64 requests at once, each logging
// large fields sliced from one large body, far more than the budget, and
// measures the heap they retain between the moment all have started and
// the moment all have logged: the recorders' memory, which must stay
// within the budget plus 10%, and each request within its 256 KiB.
func TestRecorderBudgetBoundsTheHeap(t *testing.T) {
	t.Run("overall", func(t *testing.T) { heapOfRequests(t, 8<<20, 8<<20) })
	// With the default budget, each request is bounded by its own 256 KiB.
	t.Run("per request", func(t *testing.T) { heapOfRequests(t, DefaultRecorderBudget, 64*256<<10) })
}

// heapOfRequests measures the heap of the recorders of 64 requests,
// which must stay within bound plus 10%.
func heapOfRequests(t *testing.T, budget, bound int64) {
	const requests = 64
	body := strings.Repeat("0123456789abcdef", 1<<16) // 1 MiB, shared
	var s sink
	l := s.logger("db")
	var arrived, logged sync.WaitGroup
	arrived.Add(requests)
	logged.Add(requests)
	measured := make(chan struct{})
	proceed := make(chan struct{})
	h := NewHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived.Done()
		<-proceed
		for i := range 64 {
			// 8 KiB strings that share the 1 MiB body, 64 each: 512 KiB a
			// request if every byte were kept.
			off := (i * 8 << 10) % (len(body) - 8<<10)
			l.Ctx(r.Context()).Debug("row", zap.Int("i", i), zap.String("body", body[off:off+8<<10]))
		}
		logged.Done()
		<-measured
		w.WriteHeader(200)
	}), WithRecorder(10000), WithRecorderBudget(budget))
	srv := serve(t, h)
	var done sync.WaitGroup
	for range requests {
		done.Add(1)
		go func() {
			defer done.Done()
			resp, err := http.Get(srv.URL)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
		}()
	}
	arrived.Wait()
	before := liveHeap()
	close(proceed)
	logged.Wait()
	after := liveHeap()
	used := poolOf(h).Used()
	close(measured)
	done.Wait()
	http.DefaultClient.CloseIdleConnections()
	grew := int64(after) - int64(before)
	t.Logf("64 requests: heap grew by %d bytes (%.2f of the bound); the pool counts %d", grew, float64(grew)/float64(bound), used)
	if grew > bound*11/10 {
		t.Errorf("the recorders retain %d bytes, above the bound of %d plus 10%%", grew, bound)
	}
	if used > bound || used < bound/2 {
		t.Errorf("the pool counts %d bytes, want at most the bound %d and near it", used, bound)
	}
	if s.buf.Len() != 0 {
		t.Error("requests that succeeded wrote entries")
	}
	if n := poolOf(h).Used(); n != 0 {
		t.Errorf("the pool still counts %d bytes once every request ended", n)
	}
}
