package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/scopehttp"
)

// expirySkew is how long before its expiry a token stops being reused, so
// that it does not expire between the check and the request.
const expirySkew = 30 * time.Second

// maxBody bounds what the client reads of a response.
const maxBody = 1 << 20

// loginFields are the fields of a login response the client knows.
var loginFields = []string{"access_token", "expires_in", "scope", "token_type"}

// saasClient calls the SaaS API with a session token, which it gets by
// logging in and reuses until it expires or the API refuses it. Each
// tenant has its own account at the API, and so its own session: the
// tenant of a call's context (see withTenant) picks it.
//
// Every decision and exchange is logged at Debug on its component, through
// the logger bound to the call's context (Logger.Ctx), so that an operator
// can see them on demand, for every tenant or for one, with a scoped rule
// such as saas.client[tenant=acme]=debug. The session token, the
// Authorization header that carries it and the cookies are logged as they
// are, under their usual names: the component writes fingerprints in their
// place, "[redacted 8a5b1b4d]", so a token never reaches the log, and the
// log still shows which token each request carried.
type saasClient struct {
	base   string // such as "http://127.0.0.1:41234"
	id     string
	secret string
	hc     *http.Client
	log    *component.Logger
	now    func() time.Time

	// mu guards the sessions and makes logins one at a time: requests that
	// arrive during a login wait for it, then reuse its token.
	mu       sync.Mutex
	sessions map[string]*clientSession // by tenant; "" for none
}

// clientSession is a tenant's session token and when it expires.
type clientSession struct {
	token   string
	expires time.Time
}

func newSaaSClient(base, id, secret string, log *component.Logger) *saasClient {
	jar, _ := cookiejar.New(nil) // New never fails without options
	return &saasClient{
		base:   base,
		id:     id,
		secret: secret,
		// A transport of its own, so that Close does not touch connections
		// of http.DefaultTransport's other users; through
		// scopehttp.Transport, so that the API gets each request's id and
		// signed debug header.
		hc: &http.Client{Jar: jar, Timeout: 10 * time.Second,
			Transport: scopehttp.Transport(http.DefaultTransport.(*http.Transport).Clone())},
		log:      log,
		now:      time.Now,
		sessions: make(map[string]*clientSession),
	}
}

// Close closes the client's idle connections.
func (c *saasClient) Close() {
	c.hc.CloseIdleConnections()
}

// Report fetches the report. A 401 on a reused token makes it log in again
// and retry once. A failure is logged at Error on the client's component,
// which makes a component that records (record=N) write its recorded debug
// lines first: the cause of the failure.
func (c *saasClient) Report(ctx context.Context) (*report, error) {
	rep, err := c.report(ctx)
	if err != nil {
		c.log.Ctx(ctx).Error("GET /v1/report failed", tenantField(ctx), zap.Error(err))
	}
	return rep, err
}

// tenantField names the tenant of ctx in a log line, or adds nothing.
func tenantField(ctx context.Context) zap.Field {
	if t := tenantOf(ctx); t != "" {
		return zap.String("tenant", t)
	}
	return zap.Skip()
}

func (c *saasClient) report(ctx context.Context) (*report, error) {
	log := c.log.Ctx(ctx)
	token, fresh, err := c.session(ctx)
	if err != nil {
		return nil, err
	}
	status, body, err := c.getReport(ctx, token)
	if err != nil {
		return nil, err
	}
	if status == http.StatusUnauthorized && !fresh {
		log.Debug("401 on a reused session token: logging in again, then retrying once")
		c.forget(ctx, token)
		if token, _, err = c.session(ctx); err != nil {
			return nil, err
		}
		if status, body, err = c.getReport(ctx, token); err != nil {
			return nil, err
		}
	}
	if status == http.StatusUnauthorized {
		log.Debug("401 on a session token just obtained: giving up", zap.String("token", token))
	}
	if status != http.StatusOK {
		return nil, fmt.Errorf("saas: GET /v1/report: %d %s", status, http.StatusText(status))
	}
	var rep report
	if err := json.Unmarshal(body, &rep); err != nil {
		log.Debug("report response not understood", zap.Error(err), zap.String("shape", shapeOf(body)))
		return nil, fmt.Errorf("saas: GET /v1/report: malformed response: %w", err)
	}
	return &rep, nil
}

// session returns the token to use for the tenant of ctx, and whether it
// was just obtained.
func (c *saasClient) session(ctx context.Context) (token string, fresh bool, err error) {
	log := c.log.Ctx(ctx)
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.sessions[tenantOf(ctx)]
	if s == nil {
		s = new(clientSession)
		c.sessions[tenantOf(ctx)] = s
	}
	now := c.now()
	switch {
	case s.token != "" && now.Add(expirySkew).Before(s.expires):
		log.Debug("reusing session token", zap.String("token", s.token),
			zap.Duration("expires_in", s.expires.Sub(now).Round(time.Second)))
		return s.token, false, nil
	case s.token != "":
		log.Debug("session token expired or about to: logging in again",
			zap.String("token", s.token), zap.Time("expires", s.expires))
	default:
		log.Debug("no session token: logging in")
	}
	s.token = ""
	token, ttl, err := c.login(ctx)
	if err != nil {
		return "", false, err
	}
	s.token, s.expires = token, now.Add(ttl)
	return token, true, nil
}

// forget drops token, the tenant of ctx's, unless another request has
// replaced it already.
func (c *saasClient) forget(ctx context.Context, token string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s := c.sessions[tenantOf(ctx)]; s != nil && s.token == token {
		s.token = ""
	}
}

func (c *saasClient) login(ctx context.Context) (token string, ttl time.Duration, err error) {
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {c.id}, "client_secret": {c.secret}}
	if t := tenantOf(ctx); t != "" {
		form.Set("account", t)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/oauth/token", strings.NewReader(form.Encode()))
	if err != nil {
		return "", 0, fmt.Errorf("saas: login: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	status, body, err := c.send(req)
	if err != nil {
		return "", 0, err
	}
	if status != http.StatusOK {
		return "", 0, fmt.Errorf("saas: login: %d %s", status, http.StatusText(status))
	}
	token, ttl = c.readLogin(ctx, body)
	c.log.Ctx(ctx).Debug("logged in", zap.String("token", token), zap.Duration("expires_in", ttl))
	return token, ttl, nil
}

// readLogin takes the token and its lifetime from a login response.
//
// Like many real clients, it is lenient: what it cannot interpret is noted
// at Debug, not refused, and a token it cannot find is an empty one. So a
// change of the response's shape surfaces later, as a 401 from the API,
// and the Debug line written here is the only one that says why. That is
// the situation this example reproduces.
func (c *saasClient) readLogin(ctx context.Context, body []byte) (token string, ttl time.Duration) {
	log := c.log.Ctx(ctx)
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		log.Debug("login response not understood: not a JSON object",
			zap.Error(err), zap.String("shape", shapeOf(body)))
		return "", 0
	}
	var problems, unknown []string
	if raw, ok := fields["access_token"]; !ok {
		problems = append(problems, "no access_token")
	} else if json.Unmarshal(raw, &token) != nil {
		problems = append(problems, "access_token is not a string")
	}
	var secs float64
	if raw, ok := fields["expires_in"]; !ok {
		problems = append(problems, "no expires_in")
	} else if json.Unmarshal(raw, &secs) != nil {
		problems = append(problems, "expires_in is not a number")
	}
	for k := range fields {
		if !slices.Contains(loginFields, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	if len(problems) > 0 || len(unknown) > 0 {
		log.Debug("login response not understood", zap.Strings("problems", problems),
			zap.Strings("unknown_fields", unknown), zap.String("shape", shapeOf(body)))
	}
	return token, time.Duration(secs * float64(time.Second))
}

func (c *saasClient) getReport(ctx context.Context, token string) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/v1/report", nil)
	if err != nil {
		return 0, nil, fmt.Errorf("saas: GET /v1/report: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	return c.send(req)
}

// send does req and reads the response, logging both at Debug.
func (c *saasClient) send(req *http.Request) (status int, body []byte, err error) {
	log := c.log.Ctx(req.Context())
	if log.Enabled(zap.DebugLevel) {
		log.Debug("request", zap.String("method", req.Method), zap.String("url", req.URL.Redacted()),
			zap.Object("headers", headers(req.Header)), zap.Object("cookie", cookies(c.hc.Jar.Cookies(req.URL))))
	}
	start := time.Now()
	resp, err := c.hc.Do(req)
	if err != nil {
		log.Debug("request failed", zap.Error(err))
		return 0, nil, fmt.Errorf("saas: %s %s: %w", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if log.Enabled(zap.DebugLevel) {
		log.Debug("response", zap.String("method", req.Method), zap.String("path", req.URL.Path),
			zap.Int("status", resp.StatusCode), zap.Duration("duration", time.Since(start)),
			zap.Int("bytes", len(body)), zap.Object("set-cookie", cookies(resp.Cookies())))
	}
	if err != nil {
		return 0, nil, fmt.Errorf("saas: %s %s: reading the response: %w", req.Method, req.URL.Path, err)
	}
	return resp.StatusCode, body, nil
}
