package admin

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/registry"
)

// TestForLastsAtLeast sends, to a real loopback server, 300 requests for an
// override of "for":"1s", the shortest allowed, one after the other: each
// must expire no sooner than 1s less 1ms after it was sent. Then a storm of
// 1,000 such requests from 50 clients at once: none may be refused. (An
// until rounded off the instant made some last 1 ms, and refused some as
// not in the future.)
func TestForLastsAtLeast(t *testing.T) {
	reg := registry.New(registry.WithCore(zapcore.NewNopCore()))
	reg.Component("clock")
	srv := httptest.NewServer(Handler(reg))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 50}}
	defer client.CloseIdleConnections()
	put := func() (State, error) {
		req, _ := http.NewRequest("PUT", srv.URL, strings.NewReader(`{"pattern":"clock","for":"1s"}`))
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return State{}, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			return State{}, err
		}
		if resp.StatusCode != http.StatusOK {
			return State{}, fmt.Errorf("%s: %s", resp.Status, b)
		}
		var s State
		return s, json.Unmarshal(b, &s)
	}

	shortest, longest := time.Duration(1<<62), time.Duration(0)
	for range 300 {
		sent := time.Now()
		s, err := put()
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Overrides) != 1 {
			t.Fatalf("overrides %+v", s.Overrides)
		}
		d := s.Overrides[0].Until.Sub(sent)
		shortest, longest = min(shortest, d), max(longest, d)
	}
	t.Logf("300 overrides for 1s: from %v to %v after the request was sent", shortest, longest)
	if shortest < time.Second-time.Millisecond {
		t.Errorf("an override for 1s lasts %v after the request was sent, want at least 999ms", shortest)
	}

	var wg sync.WaitGroup
	var mu sync.Mutex
	var refused []string
	for range 50 {
		wg.Go(func() {
			for range 20 {
				if _, err := put(); err != nil {
					mu.Lock()
					refused = append(refused, err.Error())
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if len(refused) > 0 {
		t.Errorf("%d of 1000 concurrent requests for 1s refused; the first: %s", len(refused), refused[0])
	}
}
