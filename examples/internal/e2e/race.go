//go:build race

package e2e

// raceEnabled is true when this package, and so the test that imports it, is
// built with -race: the program under test is then built with it too.
const raceEnabled = true
