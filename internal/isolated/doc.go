// Package isolated runs a package's tests apart from every other program's
// admin sockets: the tests, and the programs they start, get a runtime
// directory and a temporary directory of their own, so that what the
// scopelog command finds is what the tests started, even while other
// tests on the machine serve sockets of their own.
package isolated
