// Package watcher calls a reload function when a file's content changes, so
// that a program picks up an edited components file without a restart or a
// signal. It is a trigger only: it knows nothing of the file's format, and in
// practice the reload function is the registry's Reload.
//
//	w, err := watcher.Watch(path, reg.Reload,
//		watcher.WithLogger(reg.Component("scopelog").Zap()))
//	if err != nil {
//		return err
//	}
//	defer w.Close()
//	reg.Reload() // the initial load: Watch does not do it
//
// Without WithLogger, the watcher's warnings and errors go to
// slog.Default(), so degraded watching is never silent.
//
// # Events and the quiet period
//
// Watch watches the directory that contains the file, never the file itself:
// editors replace files by renaming over them, and a watch on the old file
// would see nothing after the first save. Any event in that directory, whatever
// name it carries, starts or extends a quiet period (WithDebounce, 100 ms by
// default). When the quiet period ends, the file is read the way the registry
// reads it, and reload is called only if what it would read differs from what
// was last read (see "Agreeing with signals"). The comparison covers the
// content (hashed with SHA-256) and what the registry's trust checks judge:
// the owner and group of the file, of every directory on its path and of
// the symlinks it follows, their group and world write bits, the sticky bit
// and their POSIX ACLs. So the several events of one save give
// one reload; a change of time stamp, or of a mode bit the registry does not
// judge, gives none; fixing the owner or the mode of a refused file reloads
// it; and a writer that pauses for less than the quiet period between
// truncating and writing is never seen half-way. Events on
// other files in a busy directory can stretch one quiet period to at most ten
// times its length, so they cannot postpone a reload forever.
//
// # Agreeing with signals
//
// A program usually has two triggers, this watcher and a signal
// (signals.Notify(reg.Reload)), and an operator may use both at once: save,
// then send SIGUSR1. The registry records, per path, what it last read,
// whatever triggered the read, and the watcher compares the file with that
// record rather than with its own memory. So after any interleaving of saves
// and signals, once the file has been quiet for the quiet period, the levels
// are what the file's final content gives; and a save that a signal has
// already applied is not reloaded a second time, so the operator sees one
// acknowledgement per change. The plain wiring needs no option for this; the
// path given to Watch and to registry.WithFile must name the file the same
// way (both are made absolute; symlinks in them are not resolved for the
// comparison). With a reload function that is not a registry's, or a
// registry reading the file through another path, the watcher falls back on
// its own memory of what it last reloaded.
//
// # Bounded reads
//
// The watcher never reads more of the file than the registry would:
// registry.MaxFileSize plus one byte, and nothing of a file whose size is
// already above it. A huge or sparse file costs one bounded read, on
// Watch and at each check.
//
// # Symbolic links and Kubernetes ConfigMaps
//
// A ConfigMap volume holds the file as a symlink "components ->
// ..data/components", with "..data" a symlink to a timestamped directory. An
// update writes a new timestamped directory and renames a new symlink over
// "..data", in the watched directory, so it is seen like any other event. When
// the path resolves into another directory, that directory is watched as well,
// so that a target edited in place is seen. When that directory cannot be
// watched (a 0711 directory of another user, say), only that watch is given
// up, with a Warn entry: edits made there in place are then seen at the poll
// interval, and everything else still comes as events.
//
// Some changes produce no event in a watched directory: a symlink retargeted
// among the path's ancestors (a "current" release link) or in the middle of a
// chain, a file edited through a single-file bind mount, a change of owner,
// mode or ACL on a directory further up the path, events dropped without an
// error. So at every poll interval (WithPollInterval, one second by default)
// the watcher also resolves the path again and compares the file's identity,
// size, mode and modification time, and what the trust checks judge on the
// way, with what it last saw; any difference counts as an event. This costs
// a stat and an ACL lookup per directory; the file is only read when they
// differ. A change to the file's own owner, mode or ACL, or to its
// directory's, comes as an event.
//
// # Missing and unreadable files
//
// A file that is deleted, or that does not exist when Watch is called, counts
// as a content of its own: its disappearance calls reload (the registry then
// goes back to its defaults) and is logged at Warn, and its reappearance calls
// reload again. So does a path that becomes a directory or another file that
// is not regular, which is never opened, since opening a FIFO would block.
//
// # Reload errors
//
// A reload that returns an error is logged at Debug only, since the reload
// function reports its own errors (the registry logs each failure at Error,
// with the reason); one that panics is logged at Error with its stack. Either way the watcher
// goes on. The content it was started for counts as seen, so the same
// bad file is not retried over and over; the next change to the file, such as
// the fix, reloads again.
//
// # Degraded mode
//
// Trouble with the file-system watch never stops reloading. An event overflow
// (fsnotify.ErrEventOverflow) or any other watch error makes the watcher look
// at the file again after the quiet period. A watch that stops, or whose
// directory was replaced, is replaced by a new one. When no watch can be made
// (EMFILE or ENOSPC from inotify, say, or the directory was removed), the
// watcher logs at Error that it is degraded and, at every poll interval,
// hashes the file, a changed hash counting as an event, and tries to watch
// again; it logs "watcher recovered" at Info when it can. The watcher never
// exits the process and never panics.
//
// # Concurrency
//
// reload is called from a goroutine of the watcher, never by two such calls at
// once; if the file changes during a reload, one more reload follows it. Other
// callers of the same function, such as a signal handler, may run at the same
// time, so it must be safe for concurrent use, as the registry's Reload is.
// Close may be called from any goroutine, any number of times. It stops the
// watcher's goroutines and waits for a reload in progress to return, as the
// stop function of signals.Notify does: once Close returns, nothing of the
// watcher runs and no reload starts, which goleak and zaptest users rely on.
// So Close must not be called from within reload, and a reload that hangs
// makes Close hang.
//
// # Windows
//
// The package uses no system calls of its own and builds on Windows, where
// fsnotify watches directories with ReadDirectoryChangesW. Windows has no
// Unix owners or mode bits, so the fingerprint there covers the content
// only, as the registry's trust checks are skipped.
package watcher
