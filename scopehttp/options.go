package scopehttp

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/scopelog/scopelog/component"
)

// DefaultRecorderBudget is the memory that the recorders of a handler's
// requests hold together, unless WithRecorderBudget says otherwise.
const DefaultRecorderBudget = 64 << 20

// Option configures NewHandler.
type Option interface {
	apply(*config)
}

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

type config struct {
	proxies   []netip.Prefix
	key       []byte
	keyFile   string
	maxGrant  time.Duration
	record    int
	budget    int64
	log       *component.Logger
	now       func() time.Time
	warnEvery time.Duration
}

// TrustProxies makes the handler read the client's address from
// X-Forwarded-For when, and only when, the request comes from one of
// these peers: addresses or CIDR prefixes, such as "10.0.0.0/8" or
// "127.0.0.1". The address is the rightmost one of the header that is
// not itself a trusted proxy. Without it, ip is the peer's address,
// whatever the headers say. It panics on a malformed address: they come
// from the program.
func TrustProxies(cidrs ...string) Option {
	var ps []netip.Prefix
	for _, s := range cidrs {
		p, err := parsePrefix(s)
		if err != nil {
			panic(fmt.Sprintf("scopehttp: TrustProxies(%q): %v", s, err))
		}
		ps = append(ps, p)
	}
	return optionFunc(func(c *config) { c.proxies = append(c.proxies, ps...) })
}

func parsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		return p.Masked(), err
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	return netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()), nil
}

// WithKey makes the handler accept signed debug headers (see [Sign])
// signed with key, which must have at least [MinKey] bytes: a shorter one
// panics, since it comes from the program. The handler keeps a copy.
func WithKey(key []byte) Option {
	if len(key) < MinKey {
		panic(fmt.Sprintf("scopehttp: WithKey: key of %d bytes: at least %d are needed", len(key), MinKey))
	}
	k := slices.Clone(key)
	return optionFunc(func(c *config) { c.key, c.keyFile = k, "" })
}

// WithKeyFile makes the handler accept signed debug headers signed with
// the key in the file at path, read once by NewHandler with
// [ReadKeyFile]'s checks. A file refused, missing or too short is logged
// at Error, with what is wrong and the fix, and the handler then accepts
// no header (Var shows the error); a program that would rather not start
// calls ReadKeyFile itself and passes the key to WithKey.
func WithKeyFile(path string) Option {
	return optionFunc(func(c *config) { c.keyFile, c.key = path, nil })
}

// WithMaxGrant bounds how far ahead a token's until may be, at checking
// (DefaultMaxGrant, 24 hours, unless given): a token signed for longer is
// ignored. It panics on d ≤ 0 or above 24 hours.
func WithMaxGrant(d time.Duration) Option {
	if d <= 0 || d > DefaultMaxGrant {
		panic(fmt.Sprintf("scopehttp: WithMaxGrant(%v): expected a duration above 0 and at most %v", d, DefaultMaxGrant))
	}
	return optionFunc(func(c *config) { c.maxGrant = d })
}

// WithRecorder gives each request a recorder of its last n entries (1 to
// 10,000) that the components' levels drop: see "The failing request's
// recorder" in the package documentation. It panics on n out of range.
func WithRecorder(n int) Option {
	if n < 1 || n > component.MaxRecord {
		panic(fmt.Sprintf("scopehttp: WithRecorder(%d): expected 1 to %d", n, component.MaxRecord))
	}
	return optionFunc(func(c *config) { c.record = n })
}

// WithRecorderBudget bounds the memory the recorders of all the requests
// in flight hold together, in bytes ([DefaultRecorderBudget], 64 MiB,
// unless given). It panics on a budget below 64 KiB.
func WithRecorderBudget(bytes int64) Option {
	if bytes < 64<<10 {
		panic(fmt.Sprintf("scopehttp: WithRecorderBudget(%d): expected at least 64 KiB", bytes))
	}
	return optionFunc(func(c *config) { c.budget = bytes })
}

// WithLogger sets the logger of the handler's own entries: the Warn about
// ignored debug headers, the Error about a refused key file. By default
// they go to a component "scopehttp" over slog.Default().
func WithLogger(l *component.Logger) Option {
	return optionFunc(func(c *config) { c.log = l })
}
