// Package e2e is test-only: for the end-to-end tests of the examples, it
// runs a program of this repository as a real process and reads the JSON
// log lines it writes on stderr. It imports testing, so only _test.go files
// may import it.
//
// # Use
//
//	bin := e2e.Build(t, ".")            // go build, with -race if the test has it
//	p := e2e.Start(t, bin, "-addr", "127.0.0.1:0")
//	i, ln := p.Wait(t, 0, "the listening line", e2e.Msg("webapp", "listening"))
//	gen := p.Generation()
//	p.Signal(t, syscall.SIGUSR1)
//	p.WaitReload(t, gen)
//
// Every line the program writes on stderr must be one JSON object: a line
// that is not fails the test. The process is killed when the test ends.
//
// # Waiting
//
// Nothing here sleeps for a fixed time. Every wait polls the lines read so
// far until one matches, and fails the test after [Deadline], which is only
// reached when something is wrong, however loaded the machine.
//
// # Concurrency
//
// A Proc may be read from any goroutine while its lines arrive. Methods that
// take a testing.TB call Fatal on failure, so they must be called from the
// test's own goroutine.
package e2e
