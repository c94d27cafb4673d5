// Command lines writes its arguments to stderr, one a line, for the tests
// of package e2e. An argument "exit=N" exits with status N instead; with
// no such argument it waits for SIGINT, then exits with status 0.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
)

func main() {
	interrupted := make(chan os.Signal, 1)
	signal.Notify(interrupted, os.Interrupt)
	for _, a := range os.Args[1:] {
		if n, ok := strings.CutPrefix(a, "exit="); ok {
			code, _ := strconv.Atoi(n)
			os.Exit(code)
		}
		fmt.Fprintln(os.Stderr, a)
	}
	<-interrupted
}
