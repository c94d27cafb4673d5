package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/scopehttp"
)

// The credentials the demo's client logs in with. The fake API accepts
// nothing else.
const (
	demoClientID     = "webapp"
	demoClientSecret = "demo-secret-not-for-logs"
)

// defaultTokenTTL is the lifetime of the fake API's session tokens.
const defaultTokenTTL = time.Hour

// saasAPI is a fake third-party API: a login that issues session tokens,
// and a report that requires one. A login may name an account (the app
// logs in once per tenant, each tenant with its own account). Its response
// shape can be switched to a new version, which the client does not know,
// for every account or for one, to make the app fail for every tenant or
// for one.
type saasAPI struct {
	log *component.Logger
	// scope are the options of the scopehttp handler that Start wraps
	// the routes in: the API is another service, with its own.
	scope []scopehttp.Option
	ttl   time.Duration
	now   func() time.Time

	mu sync.Mutex
	// v2 makes every login answer with the new shape, v2For the logins of
	// some accounts only.
	v2     bool
	v2For  map[string]bool
	tokens map[string]session // by session token

	srv *http.Server
	// served returns Serve's error once the server has stopped.
	served chan error
}

// session is what the API knows of a session token.
type session struct {
	expires time.Time
	account string
}

func newSaaSAPI(log *component.Logger) *saasAPI {
	return &saasAPI{log: log, ttl: defaultTokenTTL, now: time.Now, v2For: make(map[string]bool), tokens: make(map[string]session)}
}

// Handler returns the API's routes.
func (a *saasAPI) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/token", a.login)
	mux.HandleFunc("GET /v1/report", a.report)
	return mux
}

// Start serves the API on addr and returns the address it listens on.
func (a *saasAPI) Start(addr string) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", err
	}
	a.srv = &http.Server{
		Handler:           scopehttp.NewHandler(a.Handler(), a.scope...),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          zap.NewStdLog(a.log.Zap()),
	}
	a.served = make(chan error, 1)
	go func() { a.served <- a.srv.Serve(ln) }()
	a.log.Info("fake SaaS API listening", zap.String("addr", ln.Addr().String()))
	return ln.Addr().String(), nil
}

// Close stops a started API.
func (a *saasAPI) Close() error {
	if a.srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := a.srv.Shutdown(ctx)
	if serr := <-a.served; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	return err
}

// SetV2 switches the login response to the new shape (true) or back. A
// switch revokes every session, as a real provider's migration would, so
// that the client must log in again and meet the new shape at once.
//
// SetV2 applies to every account; false also undoes SetV2For.
func (a *saasAPI) SetV2(v2 bool) {
	a.mu.Lock()
	a.v2 = v2
	clear(a.v2For)
	n := len(a.tokens)
	clear(a.tokens)
	a.mu.Unlock()
	a.log.Info("login response shape changed; sessions revoked",
		zap.String("shape", shapeName(v2)), zap.Int("revoked", n))
}

// SetV2For is SetV2 for the logins of one account, and its sessions only:
// in the demo, the account of one tenant.
func (a *saasAPI) SetV2For(account string, v2 bool) {
	a.mu.Lock()
	if v2 {
		a.v2For[account] = true
	} else {
		delete(a.v2For, account)
	}
	n := 0
	for tok, s := range a.tokens {
		if s.account == account {
			delete(a.tokens, tok)
			n++
		}
	}
	a.mu.Unlock()
	a.log.Info("login response shape changed for one account; its sessions revoked",
		zap.String("account", account), zap.String("shape", shapeName(v2)), zap.Int("revoked", n))
}

func shapeName(v2 bool) string {
	if v2 {
		return "v2: token and expires_in under data"
	}
	return "v1: access_token and expires_in at the top level"
}

func (a *saasAPI) login(w http.ResponseWriter, r *http.Request) {
	if r.PostFormValue("grant_type") != "client_credentials" ||
		r.PostFormValue("client_id") != demoClientID ||
		r.PostFormValue("client_secret") != demoClientSecret {
		a.log.Ctx(r.Context()).Debug("login refused", zap.String("client_id", r.PostFormValue("client_id")))
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client"})
		return
	}
	token := "tok_" + randomHex(16)
	now := a.now()
	account := r.PostFormValue("account")
	a.mu.Lock()
	a.tokens[token] = session{expires: now.Add(a.ttl), account: account}
	v2 := a.v2 || a.v2For[account]
	a.mu.Unlock()

	// A load balancer's affinity cookie: one more secret the client must
	// not log.
	http.SetCookie(w, &http.Cookie{Name: "saas_affinity", Value: "sess_" + randomHex(12), Path: "/", HttpOnly: true})
	expiresIn := int(a.ttl / time.Second)
	a.log.Ctx(r.Context()).Debug("login", zap.String("client_id", demoClientID), zap.String("account", account), zap.Bool("v2", v2), zap.Int("expires_in", expiresIn))
	if v2 {
		writeJSON(w, http.StatusOK, map[string]any{
			"data":       map[string]any{"token": token, "expires_in": expiresIn},
			"token_type": "Bearer",
		})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"access_token": token, "token_type": "Bearer", "expires_in": expiresIn})
}

func (a *saasAPI) report(w http.ResponseWriter, r *http.Request) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	a.mu.Lock()
	s, known := a.tokens[token]
	a.mu.Unlock()
	if !ok || !known || !a.now().Before(s.expires) {
		a.log.Ctx(r.Context()).Debug("report refused: no valid session", zap.Bool("known", known))
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_token"})
		return
	}
	a.log.Ctx(r.Context()).Debug("report")
	writeJSON(w, http.StatusOK, report{
		Period: a.now().UTC().Format("2006-01"),
		Rows: []reportRow{
			{Account: "acme", Invoices: 12, Total: "1830.00"},
			{Account: "globex", Invoices: 3, Total: "245.50"},
		},
	})
}

// report is the body of GET /v1/report, which the app passes on.
type report struct {
	Period string      `json:"period"`
	Rows   []reportRow `json:"rows"`
}

type reportRow struct {
	Account  string `json:"account"`
	Invoices int    `json:"invoices"`
	Total    string `json:"total"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	// The client may have gone; nothing useful to do about it here.
	_ = json.NewEncoder(w).Encode(v)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}
