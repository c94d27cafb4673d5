package component

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"testing"

	"go.uber.org/zap/zapcore"
)

type testSink struct{ id int }

func (*testSink) sinkCore() zapcore.Core { return zapcore.NewNopCore() }

// TestRingKeepsTheNewestWithinItsBudget pushes entries of random sizes,
// with random limits, resizes and takes, and checks after each step that
// the ring holds the newest entries accepted, intact and in order, at most
// its limit, in arrays whose size is within its budget.
func TestRingKeepsTheNewestWithinItsBudget(t *testing.T) {
	noise := make([]byte, maxRecordedBytes+1024)
	for i := range noise {
		noise[i] = byte(i * 7919 >> 3)
	}
	for _, budget := range []int{8 << 10, 64 << 10, 256 << 10, maxRecordedBytes} {
		rnd := rand.New(rand.NewPCG(uint64(budget), 1))
		r := ring{budget: budget}
		limit := 1 + rnd.IntN(MaxRecord)
		sinks := []sink{&testSink{1}, &testSink{2}}
		var pushed [][]byte // every entry accepted, in order
		held := 0           // how many of the last pushed the ring holds
		for step := range 8_000 {
			switch k := rnd.IntN(1000); {
			case k == 0:
				limit = 1 + rnd.IntN(MaxRecord)
				r.setMax(limit)
				held = min(held, limit)
			case k == 1:
				r.take()
				held = 0
			default:
				var size int
				switch rnd.IntN(50) {
				case 0:
					size = 8 + rnd.IntN(budget) // sometimes more than fits
				case 1, 2, 3, 4, 5:
					size = 8 + rnd.IntN(4<<10)
				default:
					size = 8 + rnd.IntN(100)
				}
				b := make([]byte, size)
				binary.LittleEndian.PutUint64(b, uint64(step))
				copy(b[8:], noise[step%1024:])
				if r.push(b, sinks[step%2], limit) {
					pushed = append(pushed, b)
					held++
				} else if r.fits(size) || size < budget-16<<10 {
					t.Fatalf("budget %d, step %d: an entry of %d bytes that fits was refused", budget, step, size)
				}
			}
			if r.n > held || r.n > limit {
				t.Fatalf("budget %d, step %d: %d entries, want at most %d (limit %d)", budget, step, r.n, held, limit)
			}
			held = r.n
			if size := r.size(); size > budget {
				t.Fatalf("budget %d, step %d: size %d", budget, step, size)
			}
			check := []int{0, r.n - 1} // the oldest and the newest at each step
			if step%512 == 0 {
				check = check[:0]
				for i := range r.n {
					check = append(check, i)
				}
			}
			for _, i := range check {
				if r.n == 0 {
					break
				}
				b, s := r.entry(i)
				want := pushed[len(pushed)-r.n+i]
				if !bytes.Equal(b, want) {
					t.Fatalf("budget %d, step %d: entry %d of %d is not the entry pushed", budget, step, i, r.n)
				}
				if s != sinks[binary.LittleEndian.Uint64(b)%2] {
					t.Fatalf("budget %d, step %d: entry %d has another sink", budget, step, i)
				}
			}
		}
	}
}

// TestRingUsesItsBudget: entries of 64 bytes, 10,000 at most, take 880,000
// bytes with their slots: within 1 MiB, so the ring holds all 10,000.
func TestRingUsesItsBudget(t *testing.T) {
	r := ring{budget: maxRecordedBytes}
	s := &testSink{}
	for range 20_000 {
		r.push(make([]byte, 64), s, MaxRecord)
	}
	if r.n != MaxRecord || r.size() > maxRecordedBytes {
		t.Errorf("%d entries in %d bytes, want %d within %d", r.n, r.size(), MaxRecord, maxRecordedBytes)
	}
	// Wide entries then take the room of the slots they leave unused.
	for range 1000 {
		r.push(make([]byte, 4000), s, MaxRecord)
	}
	if r.n < 230 || r.size() > maxRecordedBytes {
		t.Errorf("%d entries of 4,000 bytes in %d bytes, want at least 230 (920,000 bytes) within %d", r.n, r.size(), maxRecordedBytes)
	}
}
