//go:build race

package main

// raceEnabled: the command is built with -race too, which also reuses the
// race build of its packages that the test already made.
const raceEnabled = true
