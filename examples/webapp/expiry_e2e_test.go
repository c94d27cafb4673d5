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
	// the same request's iterations, in order; none after. An entry is
	// written at the level in force when it was checked, which is when it
	// got its time: a line checked just before the expiry may be written
	// just after the expiry's entry, when its iteration ends at the
	// instant. So lines are told apart by their time, not their place.
	var during, after []e2e.Entry
	for _, e := range a.Since(ackAt) {
		if t, _ := e.Fields["ts"].(float64); t < ts {
			during = append(during, e)
		} else {
			after = append(after, e)
		}
	}
	all := wantIterations(0, 9)
	d := clockLines(during)
	if i := slices.Index(all, firstOr(d)); len(d) == 0 || i < 0 || !slices.Equal(d, all[i:i+len(d)]) {
		t.Errorf("clock lines while the rule was in force: %q, want consecutive iterations", d)
	}
	if l := clockLines(after); len(l) > 0 {
		t.Errorf("clock lines stamped after the expiry: %q", l)
	}
}

func firstOr(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
