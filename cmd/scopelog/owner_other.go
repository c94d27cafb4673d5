//go:build !unix

package main

import "os"

// keepOwner does nothing where files have no Unix owner.
func keepOwner(*os.File, string) error { return nil }

// syncDir does nothing where a directory cannot be opened to sync; the
// rename itself is atomic.
func syncDir(string) error { return nil }
