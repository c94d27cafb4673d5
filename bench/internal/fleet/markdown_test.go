package fleet

import (
	"strings"
	"testing"
	"time"
)

func TestSplice(t *testing.T) {
	block := BeginMarker + "\nnew\n" + EndMarker + "\n"
	for _, c := range []struct {
		name, doc, want string
		ok              bool
	}{
		{"middle", "a\n" + BeginMarker + "\nold\n" + EndMarker + "\nb\n", "a\n" + block + "b\n", true},
		{"end without newline", "a\n" + BeginMarker + "\nold\n" + EndMarker, "a\n" + block, true},
		{"no markers", "a\nb\n", "a\nb\n", false},
		{"begin only", "a\n" + BeginMarker + "\n", "a\n" + BeginMarker + "\n", false},
		{"out of order", EndMarker + "\n" + BeginMarker + "\n", EndMarker + "\n" + BeginMarker + "\n", false},
	} {
		got, ok := Splice(c.doc, block)
		if got != c.want || ok != c.ok {
			t.Errorf("%s: Splice = %q, %v; want %q, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

func TestSpliceKeepsBlockIdempotent(t *testing.T) {
	r := sampleResult()
	doc := "# Results\n\ntext\n\n" + Block(r, Env{Command: "go run ./cmd/fleet"}, false) + "\nafter\n"
	again, ok := Splice(doc, Block(r, Env{Command: "go run ./cmd/fleet"}, false))
	if !ok || again != doc {
		t.Errorf("splicing the same block changed the document:\n%s\nvs\n%s", doc, again)
	}
}

func sampleResult() *Result {
	r := &Result{
		Config: Config{N: 2, Rounds: 2, Debounce: 100 * time.Millisecond, Lead: time.Second}.withDefaults(),
		Ack:    []time.Duration{101 * time.Millisecond, 103 * time.Millisecond, 102 * time.Millisecond, 150 * time.Millisecond},
		Rename: 20 * time.Microsecond,
	}
	r.AckSpread = []time.Duration{2 * time.Millisecond, 48 * time.Millisecond}
	r.Expiry = []time.Duration{time.Millisecond, 2 * time.Millisecond, 0, 50 * time.Millisecond}
	r.ExpirySpread = []time.Duration{time.Millisecond, 50 * time.Millisecond}
	return r
}

func TestTargets(t *testing.T) {
	// Both bounds are inclusive: 150 ms with a debounce of 100 ms, 0 and 50 ms.
	ts := sampleResult().Targets()
	if len(ts) != 2 || !ts[0].Met || !ts[1].Met {
		t.Fatalf("Targets at the bounds = %+v, want both met", ts)
	}

	r := sampleResult()
	r.Ack[1] = 150*time.Millisecond + time.Nanosecond
	r.Expiry[2] = -time.Nanosecond
	ts = r.Targets()
	if ts[0].Met || ts[1].Met {
		t.Errorf("Targets with an acknowledgement past the bound and an expiry before the instant = %+v, want both missed", ts)
	}
	r.Expiry[2] = 50*time.Millisecond + time.Nanosecond
	if ts := r.Targets(); ts[1].Met {
		t.Errorf("an expiry 50 ms + 1 ns late is met: %+v", ts[1])
	}

	if ts := (&Result{Config: Config{}.withDefaults()}).Targets(); ts[0].Met || ts[1].Met {
		t.Errorf("with no samples, targets are %+v, want missed", ts)
	}
}

func TestBlock(t *testing.T) {
	env := Env{Date: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC), GoVersion: "go1.26.8", Machine: "AMD EPYC, 2 cores, linux/amd64", LoadAvg: "1.0 0.5 0.2", Command: "go run ./cmd/fleet -n 2"}
	for _, readme := range []bool{false, true} {
		b := Block(sampleResult(), env, readme)
		if !strings.HasPrefix(b, BeginMarker+"\n") || !strings.HasSuffix(b, EndMarker+"\n") || strings.Count(b, BeginMarker) != 1 || strings.Count(b, EndMarker) != 1 {
			t.Errorf("readme=%v: the block is not delimited by one pair of markers:\n%s", readme, b)
		}
		for _, s := range []string{
			"| `..data` swapped → acknowledged, per process | 4 | 102.0 ms | 150.0 ms | 150.0 ms |",
			"| until= instant → level turned off, per process | 4 | 1.000 ms | 50.00 ms | 50.00 ms |",
			"- met: every acknowledgement within debounce + 50 ms = 150.0 ms of the swap — slowest 150.0 ms",
			"`go run ./cmd/fleet -n 2`",
			"go1.26.8", "AMD EPYC, 2 cores, linux/amd64", "1.0 0.5 0.2",
		} {
			if !strings.Contains(b, s) {
				t.Errorf("readme=%v: the block lacks %q:\n%s", readme, s, b)
			}
		}
		if got := strings.Contains(b, "How it is measured"); got == readme {
			t.Errorf("readme=%v: the method is there: %v", readme, got)
		}
	}
	if strings.Contains(Block(sampleResult(), env, false), "The machine was busy") {
		t.Error("the block says the machine was busy when it was not")
	}
	env.Busy = true
	for _, readme := range []bool{false, true} {
		if b := Block(sampleResult(), env, readme); !strings.Contains(b, "**The machine was busy** (load average 1.0 0.5 0.2 before the run)") {
			t.Errorf("readme=%v: the block does not say the machine was busy:\n%s", readme, b)
		}
	}
	if strings.Contains(Block(sampleResult(), env, false), "not measured") {
		t.Error("the block mentions a warm-up that was not made")
	}
	r0 := sampleResult()
	r0.Config.Warmup = 1
	for _, readme := range []bool{false, true} {
		if b := Block(r0, env, readme); !strings.Contains(b, "before them, 1 more not measured") {
			t.Errorf("readme=%v: the block does not mention the warm-up:\n%s", readme, b)
		}
	}
	env.Nice = -10
	if b := Block(sampleResult(), env, false); !strings.Contains(b, "so the fleet ran at nice -10") || !strings.Contains(b, "- Priority: nice -10") {
		t.Errorf("the block does not give the priority of the run:\n%s", b)
	}
	r := sampleResult()
	r.Expiry[0] = -time.Millisecond
	if b := Block(r, env, false); !strings.Contains(b, "**missed**: every process turns the rule off") {
		t.Errorf("with an expiry before the instant, the block does not say the target was missed:\n%s", b)
	}
}

func TestMs(t *testing.T) {
	for d, want := range map[time.Duration]string{
		123456 * time.Microsecond: "123.5 ms",
		12345 * time.Microsecond:  "12.35 ms",
		1234567 * time.Nanosecond: "1.235 ms",
		-250 * time.Microsecond:   "-0.250 ms",
		-20 * time.Millisecond:    "-20.00 ms",
	} {
		if got := ms(d); got != want {
			t.Errorf("ms(%v) = %q, want %q", d, got, want)
		}
	}
}
