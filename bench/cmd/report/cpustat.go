package main

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// userHZ is the unit of /proc/stat, fixed at 100 per second on Linux
// whatever the kernel's own tick.
const userHZ = 100

// busyTime returns the processor time every process on the machine has used
// since boot (user, nice, system, irq, softirq and, in a virtual machine,
// steal), and false where /proc/stat does not tell.
func busyTime() (time.Duration, bool) {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, false
	}
	line, _, _ := strings.Cut(string(data), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0, false
	}
	var ticks int64
	for _, i := range []int{1, 2, 3, 6, 7, 8} {
		n, err := strconv.ParseInt(f[i], 10, 64)
		if err != nil {
			return 0, false
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / userHZ, true
}

// othersMeter estimates how much processor time other processes took while
// the benchmarks ran: the machine's busy time minus our children's.
type othersMeter struct {
	start     time.Time
	busy      time.Duration
	ok        bool
	ourCPU    time.Duration
	finishedN int
}

func startOthersMeter() *othersMeter {
	m := &othersMeter{start: time.Now()}
	m.busy, m.ok = busyTime()
	return m
}

// add counts the processor time of a child that has exited.
func (m *othersMeter) add(ps *os.ProcessState) {
	if ps != nil {
		m.ourCPU += ps.UserTime() + ps.SystemTime()
		m.finishedN++
	}
}

// share returns the other processes' time as a share of one core over the
// run, or -1 when unknown.
func (m *othersMeter) share() float64 {
	busy, ok := busyTime()
	wall := time.Since(m.start)
	if !ok || !m.ok || wall <= 0 || m.finishedN == 0 {
		return -1
	}
	others := busy - m.busy - m.ourCPU
	return max(0, float64(others)/float64(wall))
}
