package scopehttp

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// TestConcurrentRequestsHalfGranted serves 32 requests at once, each with
// its own token or none, each logging through two components: the
// granted ones write exactly their own lines, each with its own grant,
// and the others none, while grants start and end around them.
func TestConcurrentRequestsHalfGranted(t *testing.T) {
	var s sink
	saas, db := s.logger("saas.client"), s.logger("db")
	const lines = 20
	srv := serve(t, NewHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(RequestIDHeader)
		for i := range lines {
			saas.Ctx(r.Context()).Debug("call", zap.String("req", id), zap.Int("i", i))
			db.Ctx(r.Context()).DebugEvent().Str("req", id).Msg("query")
		}
		w.Write([]byte(id))
	}), WithKey(testKey), WithRecorder(10)))
	const requests = 32
	tokens := make(map[string]string)
	for i := range requests {
		if i%2 == 0 {
			tokens[fmt.Sprint("r", i)] = sign(t, testKey, "saas", zapcore.DebugLevel, time.Now().Add(time.Hour))
		}
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: requests}}
	defer client.CloseIdleConnections()
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range requests {
		id := fmt.Sprint("r", i)
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			req, _ := http.NewRequest("GET", srv.URL, nil)
			req.Header.Set(RequestIDHeader, id)
			if tok := tokens[id]; tok != "" {
				req.Header.Set(Header, tok)
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
		}()
	}
	close(start)
	wg.Wait()
	scopes := map[string]string{}
	count := map[string]int{}
	for _, e := range s.entries(t) {
		req := e["req"].(string)
		if tokens[req] == "" || e["logger"] != "saas.client" {
			t.Fatalf("an entry of a request without a grant, or of a component not covered: %v", e)
		}
		count[req]++
		if sc, ok := scopes[req]; ok && sc != e["scope"] {
			t.Fatalf("two scopes for %s: %s and %v", req, sc, e["scope"])
		}
		scopes[req] = e["scope"].(string)
	}
	seen := map[string]bool{}
	for req, n := range count {
		if n != lines {
			t.Errorf("%s wrote %d lines, want %d", req, n, lines)
		}
		if seen[scopes[req]] {
			t.Errorf("two requests share the scope %s", scopes[req])
		}
		seen[scopes[req]] = true
	}
	if len(count) != requests/2 {
		t.Errorf("%d granted requests wrote, want %d", len(count), requests/2)
	}
}
