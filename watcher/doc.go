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
// # Events and the quiet period
//
// Watch watches the directory that contains the file, never the file itself:
// editors replace files by renaming over them, and a watch on the old file
// would see nothing after the first save. Any event in that directory, whatever
// name it carries, starts or extends a quiet period (WithDebounce, 100 ms by
// default). When the quiet period ends, the path is resolved again through
// every symbolic link, the file is hashed with SHA-256, and reload is called
// only if what it would read differs from what the previous reload was started
// for. So the several events of one save give one reload, a change of mode or
// time stamp gives none (except making a world-writable file safe, or the
// reverse, which the registry judges), and a writer that pauses for less than the quiet
// period between truncating and writing is never seen half-way. Events on
// other files in a busy directory can stretch one quiet period to at most ten
// times its length, so they cannot postpone a reload forever.
//
// # Symbolic links and Kubernetes ConfigMaps
//
// A ConfigMap volume holds the file as a symlink "components ->
// ..data/components", with "..data" a symlink to a timestamped directory. An
// update writes a new timestamped directory and renames a new symlink over
// "..data", in the watched directory, so it is seen like any other event. When
// the path resolves into another directory, that directory is watched as well,
// so that a target edited in place is seen.
//
// Some changes produce no event in a watched directory: a symlink retargeted
// among the path's ancestors (a "current" release link) or in the middle of a
// chain, a file edited through a single-file bind mount, events dropped
// without an error. So at every poll interval (WithPollInterval, one second
// by default) the watcher also resolves the path again and compares the
// file's identity, size, mode and modification time with what it last saw;
// any difference counts as an event. This costs a few stat calls; the file is
// only read when they differ.
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
// function reports its own errors (the registry logs each failure at Error);
// one that panics is logged at Error with its stack. Either way the watcher
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
// watcher's goroutines and returns without waiting for a reload in progress,
// which ends in the background; no reload starts after Close returns.
//
// # Windows
//
// The package uses no system calls of its own and builds on Windows, where
// fsnotify watches directories with ReadDirectoryChangesW.
package watcher
