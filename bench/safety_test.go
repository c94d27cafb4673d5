package bench_test

import (
	"fmt"
	"io"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/registry"
)

// token is the secret of the redaction benchmarks: a session token as a
// SaaS API issues them.
var token = "tok_9f86d081884c7d659a2feaa0c55ad015"

// ruled returns the component "db" of a registry writing JSON to
// io.Discard under the one rule given, with opts.
func ruled(b *testing.B, rule string, opts ...registry.Option) (*registry.Registry, *component.Logger) {
	b.Helper()
	file := filepath.Join(b.TempDir(), "components")
	writeFile(b, file, []byte(rule+"\n"))
	reg := discardRegistry(append(opts, registry.WithFile(file))...)
	l := reg.Component(name)
	if err := reg.Reload(); err != nil {
		b.Fatal(err)
	}
	return reg, l
}

// BenchmarkRedaction measures what redaction adds to an enabled call
// (issue 19): every component redacts by default. "scopelog" is a
// component of a registry with the default redaction; "off" is the same
// call on a registry with WithoutDefaultRedaction, which has no key to
// match: what the call cost before redaction, within a function call per
// field. NoSecret logs the two fields of Enabled/TwoFields, neither under
// a secret key. OneSecret logs its second field under "token", which
// "scopelog" writes as a fingerprint and "off" writes as it is: the same
// token at every call, as a program logs its session token, whose
// fingerprint the component keeps. FreshSecret logs a token it has not
// seen for a while at every call (4096 of them in turn, more than the 256
// fingerprints kept), whose fingerprint costs an HMAC-SHA256 each time.
func BenchmarkRedaction(b *testing.B) {
	fresh := make([]string, 4096)
	for i := range fresh {
		fresh[i] = fmt.Sprintf("tok_%032x", i)
	}
	for _, scenario := range []string{"NoSecret", "OneSecret", "FreshSecret"} {
		b.Run(scenario, func(b *testing.B) {
			for _, lib := range []string{"scopelog", "off"} {
				b.Run(lib, func(b *testing.B) {
					var opts []registry.Option
					if lib == "off" {
						opts = append(opts, registry.WithoutDefaultRedaction())
					}
					l := registry.New(append(opts, registry.WithCore(jsonCore(io.Discard, zapcore.DebugLevel)))...).Component(name)
					key, vals := "token", []string{token}
					switch scenario {
					case "NoSecret":
						key, vals = "sql", []string{query}
					case "FreshSecret":
						vals = fresh
					}
					b.ResetTimer()
					for i := range b.N {
						l.Info("query", zap.Int("rows", rows), zap.String(key, vals[i%len(vals)]))
					}
				})
			}
		})
	}
}

// stepClock is a zap clock that advances a fixed step at each reading, so
// that a limited component's bucket refills at the pace of the calls.
type stepClock struct {
	ns   atomic.Int64
	step time.Duration
}

func (c *stepClock) Now() time.Time {
	return time.Unix(0, c.ns.Add(int64(c.step)))
}

func (c *stepClock) NewTicker(d time.Duration) *time.Ticker { return time.NewTicker(d) }

// BenchmarkLimit measures what a volume limit (limit=N/s, issue 19) adds
// to a call. "scopelog" is the component "db" under the rule
// "db=debug limit=1000000/s"; "unlimited" is the same without limit=. Both
// read a clock that advances 2 µs per entry, so that the bucket, which
// reads each entry's time, refills faster than the calls empty it and no
// entry is dropped: the measure is of the limit's check on an entry it
// lets through, which the benchmark verifies. Enabled is a Debug call with
// two fields, written; Disabled is the same call on a component at Info,
// which the limit must leave at one atomic load.
func BenchmarkLimit(b *testing.B) {
	for _, scenario := range []string{"Enabled", "Disabled"} {
		b.Run(scenario+"/TwoFields", func(b *testing.B) {
			for _, lib := range []string{"scopelog", "unlimited"} {
				b.Run(lib, func(b *testing.B) {
					rule := "db=debug"
					if scenario == "Disabled" {
						rule = "db=info"
					}
					if lib == "scopelog" {
						rule += " limit=1000000/s"
					}
					clock := &stepClock{step: 2 * time.Microsecond}
					reg, l := ruled(b, rule, registry.WithOptions(zap.WithClock(clock)))
					b.ResetTimer()
					for range b.N {
						l.Debug("query", zap.Int("rows", rows), zap.String("sql", query))
					}
					b.StopTimer()
					for _, c := range reg.Components() {
						if c.Name == name && c.Dropped != 0 {
							b.Fatalf("%d entries dropped: the benchmark measures the drop, not the check", c.Dropped)
						}
					}
				})
			}
		})
	}
}

// BenchmarkCounters measures what a component adds to each entry it
// writes to count it (issue 19): one atomic add, on a counter that is not
// shared with another goroutine here. The report sets it against an
// enabled call.
func BenchmarkCounters(b *testing.B) {
	b.Run("AtomicAdd", func(b *testing.B) {
		var n atomic.Uint64
		for range b.N {
			n.Add(1)
		}
		sink += int(n.Load())
	})
}
