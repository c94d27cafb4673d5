package report

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Key names one benchmark at one GOMAXPROCS: the name without the
// "Benchmark" prefix's "-N" suffix, and N (1 when the suffix is absent, as go
// test omits it at -cpu 1).
type Key struct {
	Name  string
	Procs int
}

// Result holds every run of one benchmark at one GOMAXPROCS.
type Result struct {
	Key
	values map[string][]float64 // unit → one value per run
}

// Runs returns how many runs reported unit.
func (r *Result) Runs(unit string) int {
	if r == nil {
		return 0
	}
	return len(r.values[unit])
}

// Median returns the median of unit over the runs, and false if no run
// reported unit.
func (r *Result) Median(unit string) (float64, bool) {
	if r == nil || len(r.values[unit]) == 0 {
		return 0, false
	}
	v := slices.Clone(r.values[unit])
	slices.Sort(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2], true
	}
	return (v[n/2-1] + v[n/2]) / 2, true
}

// Range returns the smallest and largest value of unit over the runs, and
// false if no run reported unit.
func (r *Result) Range(unit string) (lo, hi float64, ok bool) {
	if r == nil || len(r.values[unit]) == 0 {
		return 0, 0, false
	}
	return slices.Min(r.values[unit]), slices.Max(r.values[unit]), true
}

// Results is the parsed output of one or more benchmark runs.
type Results struct {
	// Config holds the configuration lines, such as "goos", "goarch" and
	// "cpu"; a later value replaces an earlier one.
	Config map[string]string
	byKey  map[Key]*Result
	order  []Key
}

// Lookup returns the result of the benchmark name (with its "Benchmark"
// prefix, without a "-N" suffix) at procs, or nil. A procs of 0 matches the
// first result of that name, whatever its GOMAXPROCS.
func (rs *Results) Lookup(name string, procs int) *Result {
	if procs != 0 {
		return rs.byKey[Key{name, procs}]
	}
	for _, k := range rs.order {
		if k.Name == name {
			return rs.byKey[k]
		}
	}
	return nil
}

// Keys returns the benchmarks in the order they first appeared.
func (rs *Results) Keys() []Key {
	return slices.Clone(rs.order)
}

// Parse reads benchmark output. It fails only on a read error or on a result
// line whose values are malformed, naming the line.
func Parse(r io.Reader) (*Results, error) {
	rs := &Results{Config: map[string]string{}, byKey: map[Key]*Result{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "Benchmark") {
			if err := rs.addResult(line); err != nil {
				return nil, fmt.Errorf("report: line %d: %w", n, err)
			}
			continue
		}
		if k, v, ok := configLine(line); ok {
			rs.Config[k] = v
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("report: reading benchmark output: %w", err)
	}
	return rs, nil
}

// configLine recognizes "key: value" with a lower-case key of letters,
// digits and '-', as the benchmark format defines it.
func configLine(line string) (key, value string, ok bool) {
	key, value, ok = strings.Cut(line, ":")
	if !ok || key == "" {
		return "", "", false
	}
	for _, c := range key {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return "", "", false
		}
	}
	return key, strings.TrimSpace(value), true
}

// addResult records a result line. A line that starts with "Benchmark" but
// has no iteration count is a name printed on its own (go test -v does
// that) and is skipped.
func (rs *Results) addResult(line string) error {
	f := strings.Fields(line)
	if len(f) < 2 {
		return nil
	}
	if _, err := strconv.ParseUint(f[1], 10, 64); err != nil {
		return nil
	}
	if len(f)%2 != 0 {
		return fmt.Errorf("result %q: a value without a unit", line)
	}
	key := splitProcs(f[0])
	res := rs.byKey[key]
	if res == nil {
		res = &Result{Key: key, values: map[string][]float64{}}
		rs.byKey[key] = res
		rs.order = append(rs.order, key)
	}
	for i := 2; i < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return fmt.Errorf("result %q: value %q of %s: %w", line, f[i], f[i+1], err)
		}
		res.values[f[i+1]] = append(res.values[f[i+1]], v)
	}
	return nil
}

// splitProcs splits "BenchmarkX/y-2" into its name and GOMAXPROCS.
func splitProcs(s string) Key {
	i := strings.LastIndexByte(s, '-')
	if i < 0 {
		return Key{s, 1}
	}
	n, err := strconv.Atoi(s[i+1:])
	if err != nil || n <= 0 {
		return Key{s, 1}
	}
	return Key{s[:i], n}
}
