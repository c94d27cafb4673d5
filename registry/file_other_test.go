//go:build !unix

package registry

var platformBadInputs []badInput
