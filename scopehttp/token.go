package scopehttp

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/registry"
)

// Header is the request header that carries a signed debug token.
const Header = "Scopelog-Debug"

// The bounds of a token.
const (
	// MinKey is the shortest key, in bytes.
	MinKey = 32
	// MaxToken is the longest token, in bytes.
	MaxToken = 1 << 10
	// DefaultMaxGrant is how far ahead a token's until may be, unless
	// WithMaxGrant says otherwise.
	DefaultMaxGrant = 24 * time.Hour
)

// A token is
//
//	v1.<payload>.<mac>
//
// where payload and mac are base64url without padding; the payload is
//
//	<id> '\n' <level> '\n' <until, Unix seconds> '\n' <pattern>
//
// with id 16 lowercase hex digits of crypto/rand, and mac is HMAC-SHA256,
// under the key, of macPrefix and the payload: everything a token says is
// signed.
const (
	tokenVersion = "v1."
	macPrefix    = "scopelog-debug v1\n"
)

// Why a token is refused; the counters and the Warn name them.
type reason int

const (
	accepted     reason = iota
	noKey               // a header, and no key to check it with
	tooLong             // over MaxToken
	malformed           // not v1.<base64url>.<base64url>, or a payload that does not parse
	badSignature        // the MAC does not match
	expired             // until has passed
	tooFar              // until is further ahead than the maximum grant
	nReasons
)

var reasonNames = [nReasons]string{"", "no_key", "too_long", "malformed", "bad_signature", "expired", "too_far_ahead"}

func (r reason) String() string { return reasonNames[r] }

// token is what a checked token says.
type token struct {
	id      string
	level   zapcore.Level
	until   time.Time
	pattern string // with its condition, as signed
	comps   string // the pattern without its condition
	cond    *component.Condition
}

// Sign returns a token for the header Scopelog-Debug that makes the
// components pattern covers (a rule pattern, with an optional condition,
// such as "saas.client" or "saas.*[tenant=acme]") log at level, for the
// requests that carry it, until the instant until. A server whose
// middleware has the same key (see [WithKey]) accepts it until then.
//
// key must have at least [MinKey] bytes; until must be in the future and
// at most [DefaultMaxGrant] ahead; level must be a level a rule may set.
// Each token has an id of its own, random, which the entries written
// because of it carry as scope=grant=<id>.
func Sign(key []byte, pattern string, level zapcore.Level, until time.Time) (string, error) {
	if len(key) < MinKey {
		return "", fmt.Errorf("scopehttp: key of %d bytes: at least %d are needed", len(key), MinKey)
	}
	if err := checkGrant(pattern, level); err != nil {
		return "", err
	}
	now := time.Now()
	switch {
	case !until.After(now):
		return "", fmt.Errorf("scopehttp: until %s has passed", until.UTC().Format(time.RFC3339))
	case until.Sub(now) > DefaultMaxGrant:
		return "", fmt.Errorf("scopehttp: until %s is more than %v ahead", until.UTC().Format(time.RFC3339), DefaultMaxGrant)
	}
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("scopehttp: random id: %w", err)
	}
	payload := hex.EncodeToString(b[:]) + "\n" + level.String() + "\n" + strconv.FormatInt(until.Unix(), 10) + "\n" + pattern
	tok := tokenVersion + base64.RawURLEncoding.EncodeToString([]byte(payload)) + "." + base64.RawURLEncoding.EncodeToString(mac(key, payload))
	if len(tok) > MaxToken {
		return "", fmt.Errorf("scopehttp: token of %d bytes for this pattern: at most %d fit in a header", len(tok), MaxToken)
	}
	return tok, nil
}

// checkGrant checks a pattern and a level a token may carry.
func checkGrant(pattern string, level zapcore.Level) error {
	if err := registry.CheckPattern(pattern); err != nil {
		return fmt.Errorf("scopehttp: %w", err)
	}
	if level < zapcore.DebugLevel || level > zapcore.FatalLevel {
		return fmt.Errorf("scopehttp: level %v: expected debug, info, warn, error, dpanic, panic or fatal", level)
	}
	return nil
}

func mac(key []byte, payload string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(macPrefix))
	m.Write([]byte(payload))
	return m.Sum(nil)
}

// errBadPayload is the one error of parsePayload: its cause is never shown.
var errBadPayload = errors.New("scopehttp: bad token payload")

// check checks the token tok under key at now, with a maximum grant of
// max. It reads no more than MaxToken bytes of tok, and says only why a
// token is refused, never where.
func check(key []byte, tok string, now time.Time, max time.Duration) (token, reason) {
	if len(tok) > MaxToken {
		return token{}, tooLong
	}
	if len(key) == 0 {
		return token{}, noKey
	}
	rest, ok := strings.CutPrefix(tok, tokenVersion)
	if !ok {
		return token{}, malformed
	}
	p64, m64, ok := strings.Cut(rest, ".")
	if !ok {
		return token{}, malformed
	}
	payload, err1 := base64.RawURLEncoding.Strict().DecodeString(p64)
	sum, err2 := base64.RawURLEncoding.Strict().DecodeString(m64)
	if err1 != nil || err2 != nil || len(sum) != sha256.Size {
		return token{}, malformed
	}
	if !hmac.Equal(sum, mac(key, string(payload))) {
		return token{}, badSignature
	}
	t, err := parsePayload(string(payload))
	if err != nil {
		return token{}, malformed
	}
	switch {
	case !t.until.After(now):
		return token{}, expired
	case t.until.Sub(now) > max:
		return token{}, tooFar
	}
	return t, accepted
}

// parsePayload parses a signed payload.
func parsePayload(p string) (token, error) {
	id, p, ok1 := strings.Cut(p, "\n")
	lvl, p, ok2 := strings.Cut(p, "\n")
	until, pattern, ok3 := strings.Cut(p, "\n")
	if !ok1 || !ok2 || !ok3 || len(id) != 16 || !isLowerHex(id) {
		return token{}, errBadPayload
	}
	var t token
	if err := t.level.UnmarshalText([]byte(lvl)); err != nil || lvl != t.level.String() {
		return token{}, errBadPayload
	}
	sec, err := strconv.ParseInt(until, 10, 64)
	if err != nil || sec <= 0 || strconv.FormatInt(sec, 10) != until {
		return token{}, errBadPayload
	}
	if checkGrant(pattern, t.level) != nil {
		return token{}, errBadPayload
	}
	t.id, t.until, t.pattern = id, time.Unix(sec, 0), pattern
	t.comps, t.cond = pattern, nil
	if comps, cond, scoped := strings.Cut(pattern, "["); scoped {
		c, err := component.ParseCondition(strings.TrimSuffix(cond, "]"))
		if err != nil {
			return token{}, errBadPayload
		}
		t.comps, t.cond = comps, c
	}
	return t, nil
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// covers returns the function that tells the components t covers.
func (t *token) covers() func(string) bool {
	comps := t.comps
	return func(name string) bool { return registry.Covers(comps, name) }
}
