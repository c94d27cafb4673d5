package scopehttp

import (
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/registry"
)

// FuzzCheck checks that no header makes the token checker panic, and
// that what it accepts is within the bounds it promises; a valid token
// seeds it, so that the fuzzer mutates signed payloads too.
func FuzzCheck(f *testing.F) {
	now := time.Unix(1795680000, 0)
	payload := "0123456789abcdef\ndebug\n" + itoa(int(now.Add(time.Hour).Unix())) + "\nsaas.*[tenant=acme]"
	f.Add(macWith(testKey, payload), payload)
	f.Add("v1..", "")
	f.Add("v1.AAAA.AAAA", "\n\n\n")
	f.Add(strings.Repeat("v1.", 400), "a\nb\nc\nd")
	f.Fuzz(func(t *testing.T, header, payload string) {
		for _, tok := range []string{header, macWith(testKey, payload)} {
			got, why := check(testKey, tok, now, DefaultMaxGrant)
			if why != accepted {
				if got != (token{}) {
					t.Fatalf("refused (%s) with a token %+v", why, got)
				}
				continue
			}
			switch {
			case len(tok) > MaxToken:
				t.Fatalf("accepted a token of %d bytes", len(tok))
			case !got.until.After(now) || got.until.Sub(now) > DefaultMaxGrant:
				t.Fatalf("accepted an until of %v", got.until)
			case registry.CheckPattern(got.pattern) != nil:
				t.Fatalf("accepted the pattern %q", got.pattern)
			case got.level < zapcore.DebugLevel || got.level > zapcore.FatalLevel:
				t.Fatalf("accepted the level %v", got.level)
			case !hexID.MatchString(got.id):
				t.Fatalf("accepted the id %q", got.id)
			}
			// What it accepts, it would have signed.
			if payload := got.id + "\n" + got.level.String() + "\n" + itoa(int(got.until.Unix())) + "\n" + got.pattern; macWith(testKey, payload) != tok {
				t.Fatalf("accepted %q, which does not sign back to itself", tok)
			}
		}
	})
}
