// Package report turns the output of the bench module's benchmarks into the
// published results: it parses `go test -bench` output, takes the median of
// each benchmark's runs, lays the libraries out side by side with their ratio
// to zap.Logger, and says which of the targets of issue 5 were met.
//
// # Input
//
// [Parse] reads the standard benchmark format: configuration lines such as
// "cpu: AMD EPYC" and result lines such as
//
//	BenchmarkDisabled/TwoFields/scopelog-2  88696849  12.99 ns/op  0 B/op  0 allocs/op
//
// Other lines (PASS, ok, test logs) are ignored. Several outputs may be
// concatenated; runs of the same benchmark at the same GOMAXPROCS add up.
//
// # Concurrency
//
// The functions of this package are pure; a [Results] is safe for concurrent
// reads once Parse has returned it.
package report
