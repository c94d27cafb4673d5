// Package filestate reads a components file the one way both the registry
// and the watcher must read it, and remembers what each registry last read.
//
// [Read] opens the path without blocking (a FIFO never stalls it), reads at
// most [MaxSize]+1 bytes (a huge or sparse file costs no more than a small
// one), and gathers what the registry's trust checks judge: resolving the
// path one name at a time, as the kernel does, it notes every directory it
// looks a name up in and every symlink it follows, with their owner and
// mode, and the POSIX ACLs (Linux) of those directories and of the file.
// [Snapshot.Fingerprint] condenses all of that, so that two equal
// fingerprints mean a reload would see the same thing and reach the same
// verdict. [Look] finds the same [Trust] without opening the file, for a
// watcher's periodic look.
//
// A [Reader] records, per path, the fingerprint of what its owner (a
// registry) last read, whatever triggered the read. [Current] lets a watcher
// ask whether every registry reading a path has already read the file as it
// is now; if so, reloading again would change nothing. That is what makes a
// signal and a watcher agree: the newest content wins across triggers, not
// per trigger.
//
// # Concurrency
//
// Read is safe for concurrent use. A Reader's methods and Current are safe
// for concurrent use; they share one mutex, held only to update or compare a
// few fingerprints.
package filestate
