//go:build unix

package main

import (
	"math"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/scopelog/scopelog/examples/internal/e2e"
)

// TestExpiryEndToEnd: a rule with an until a second ahead turns clock on in
// the middle of a request, and the instant turns it off again, in the same
// request, with no signal, no file change and no watcher.
func TestExpiryEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the app")
	}
	// A request to / lasts 10 × 250 ms, longer than the rule.
	a := startApp(t, e2e.Build(t, "."), 250*time.Millisecond, "-watch=false")
	a.WaitReload(t, 0)
	// http's debug line shows the request has arrived.
	_, ack := a.apply(t, "http\n", syscall.SIGUSR1)
	checkAck(t, ack, "http: info→debug")

	from := a.Len()
	res := make(chan result, 1)
	go func() { res <- a.request("GET", "/") }()
	a.Wait(t, from, "the request's arrival", func(e e2e.Entry) bool {
		return e.Logger == "http" && e.Msg == "request received" && e.String("path") == "/"
	})
	until := time.Now().Add(time.Second).Truncate(time.Millisecond).UTC()
	stamp := until.Format(time.RFC3339Nano)
	ackAt, ack := a.apply(t, "http\nclock until="+stamp+"\n", syscall.SIGUSR1)
	checkAck(t, ack, "clock: info→debug until "+stamp)
	gen := a.Generation()

	expiredAt, expired := a.Wait(t, ackAt, "the rule's expiry", func(e e2e.Entry) bool {
		return e.Logger == "scopelog" && e.Msg == "components rule expired; levels re-applied without reading the file"
	})
	if got := expired.String("rule"); got != a.components+":2" || expired.Level != "info" {
		t.Errorf("expiry entry names rule %q at %s, want %s:2 at info", got, expired.Level, a.components)
	}
	if got := expired.Strings("changed"); !slices.Equal(got, []string{"clock: debug→info"}) {
		t.Errorf("changed = %q", got)
	}
	// ts is the entry's time, in seconds since the epoch.
	ts, _ := expired.Fields["ts"].(float64)
	at := time.Unix(0, int64(math.Round(ts*1e9)))
	if at.Before(until) {
		t.Errorf("expired at %v, before its until %v", at, until)
	}
	t.Logf("expiry logged %v after the instant", at.Sub(until))

	if r := <-res; r.err != nil || r.status != 200 {
		t.Fatalf("GET / = %d %v", r.status, r.err)
	}
	doneAt := a.served(t, from, "/")
	if doneAt < expiredAt {
		t.Fatal("the request ended before the expiry: the test proves nothing")
	}
	if g := a.Generation(); g != gen {
		t.Errorf("generation %d after the expiry, want %d: the file was reloaded", g, gen)
	}
	// Clock lines from the rule's acknowledgement to its expiry: some of
	// the same request's iterations, in order; none after.
	during := clockLines(a.Since(ackAt)[:expiredAt-ackAt])
	all := wantIterations(0, 9)
	if i := slices.Index(all, firstOr(during)); len(during) == 0 || i < 0 || !slices.Equal(during, all[i:i+len(during)]) {
		t.Errorf("clock lines while the rule was in force: %q, want consecutive iterations", during)
	}
	if after := clockLines(a.Since(expiredAt)); len(after) > 0 {
		t.Errorf("clock lines after the expiry: %q", after)
	}
}

func firstOr(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
