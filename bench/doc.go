// Package bench holds the benchmarks of scopelog side by side with zap,
// log/slog, github.com/ipfs/go-log/v2, github.com/rs/zerolog and
// github.com/phuslu/log, and of the registry's reload path.
// It is a module of its own so that the libraries it compares against never
// enter scopelog's go.mod. See README.md in this directory for how to run
// the suite and read its report.
package bench
