package scopehttp

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"go.uber.org/zap"
)

// failing logs two debug lines in two components, then fails as its path
// says.
func failing(s *sink) http.Handler {
	saas, db := s.logger("saas.client"), s.logger("db")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		saas.Ctx(r.Context()).Debug("session", zap.Int("age_s", 3540))
		db.Ctx(r.Context()).DebugEvent().Int("rows", 3).Msg("query")
		switch r.URL.Path {
		case "/500":
			http.Error(w, "boom", 500)
		case "/503-late":
			w.WriteHeader(200)
			w.WriteHeader(503) // superfluous: the status is 200
		case "/panic":
			panic("boom")
		case "/error":
			saas.Ctx(r.Context()).Error("session refused")
		default:
			w.Write([]byte("ok"))
		}
	})
}

func TestRecorderFlushesOnA500(t *testing.T) {
	var s sink
	srv := serve(t, NewHandler(failing(&s), WithRecorder(10)))
	fetch(t, srv.URL+"/ok", nil)
	fetch(t, srv.URL+"/503-late", nil)
	if got := s.entries(t); len(got) != 0 {
		t.Fatalf("a request that succeeded wrote %v", got)
	}
	fetch(t, srv.URL+"/500", http.Header{RequestIDHeader: {"r500"}})
	got := s.entries(t)
	want := []string{"2 recorded entries of request r500, written because of status 500", "session", "query"}
	if !slices.Equal(s.messages(t), want) {
		t.Fatalf("messages %q, want %q", s.messages(t), want)
	}
	if got[0]["request"] != "r500" || got[1]["recorded"] != true || got[1]["level"] != "debug" || got[1]["logger"] != "saas.client" ||
		got[1]["age_s"] != 3540.0 || got[2]["logger"] != "db" || got[2]["rows"] != 3.0 {
		t.Errorf("entries %v", got)
	}
}

func TestRecorderFlushesOnAPanicAndPanicsAgain(t *testing.T) {
	var s sink
	h := NewHandler(failing(&s), WithRecorder(10))
	req := httptest.NewRequest("GET", "/panic", nil)
	req.Header.Set(RequestIDHeader, "rp")
	func() {
		defer func() {
			if v := recover(); v != "boom" {
				t.Errorf("recovered %v, want the handler's panic", v)
			}
		}()
		h.ServeHTTP(httptest.NewRecorder(), req)
	}()
	want := []string{"2 recorded entries of request rp, written because of a panic", "session", "query"}
	if !slices.Equal(s.messages(t), want) {
		t.Fatalf("messages %q", s.messages(t))
	}
	if poolOf(h).Used() != 0 {
		t.Errorf("the recorder of a panicked request holds %d bytes", poolOf(h).Used())
	}
}

func TestRecorderFlushesBeforeAnError(t *testing.T) {
	var s sink
	srv := serve(t, NewHandler(failing(&s), WithRecorder(10)))
	fetch(t, srv.URL+"/error", http.Header{RequestIDHeader: {"re"}})
	want := []string{"2 recorded entries of request re, written because of an entry at error", "session", "query", "session refused"}
	if !slices.Equal(s.messages(t), want) {
		t.Fatalf("messages %q", s.messages(t))
	}
}

func TestRecorderKeepsTheLastN(t *testing.T) {
	var s sink
	l := s.logger("db")
	srv := serve(t, NewHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for i := range 5 {
			l.Ctx(r.Context()).Debug("line", zap.Int("i", i))
		}
		w.WriteHeader(500)
	}), WithRecorder(3)))
	fetch(t, srv.URL, nil)
	got := s.entries(t)
	if len(got) != 4 || !strings.HasPrefix(got[0]["msg"].(string), "3 recorded") || got[1]["i"] != 2.0 || got[3]["i"] != 4.0 {
		t.Fatalf("entries %v", got)
	}
}

func TestRecorderRefusedPastTheBudget(t *testing.T) {
	var s sink
	l := s.logger("db")
	release := make(chan struct{})
	started := make(chan struct{})
	h := NewHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for range 3 {
			// The third does not fit beside the first two.
			l.Ctx(r.Context()).Debug("big", zap.String("body", strings.Repeat("x", 20<<10)))
		}
		if r.URL.Path == "/hold" {
			started <- struct{}{}
			<-release
		}
		w.WriteHeader(500)
	}), WithRecorder(10), WithRecorderBudget(64<<10))
	srv := serve(t, h)
	done := make(chan struct{})
	go func() {
		defer close(done)
		fetch(t, srv.URL+"/hold", nil)
	}()
	<-started
	before := stats.recorderRefused.Load()
	fetch(t, srv.URL+"/second", nil)
	if stats.recorderRefused.Load() != before+1 {
		t.Error("a request past the budget is not counted")
	}
	if got := s.entries(t); len(got) != 0 {
		t.Errorf("the refused request wrote %v", got)
	}
	close(release)
	<-done
	if got := s.messages(t); len(got) != 3 || !strings.HasPrefix(got[0], "2 recorded") || got[2] != "big" {
		t.Errorf("the held request wrote %q", got)
	}
}
