// Package signals reloads a running program's log levels when the process
// receives a signal. An operator edits the components file, runs
// kill -USR1 <pid>, and the chosen component becomes verbose without a
// restart.
//
// The package is a trigger only. It calls a func() error, in practice the
// registry's Reload method, and does not import the registry:
//
//	stop := signals.Notify(reg.Reload) // SIGUSR1
//	defer stop()
//
// # Concurrency
//
// Each Notify call starts one goroutine, which makes every call to its reload
// function, so the calls from one Notify never overlap. Signals that arrive
// while a reload runs coalesce into at most one more reload, which starts
// after the last of them: a burst of signals ends with the newest file
// applied, and never builds a queue. Separate Notify calls are independent,
// and two of them for the same signal may reload at the same time, so the
// reload function must be safe for concurrent use (the registry's is).
//
// The signals are registered before Notify returns, so a signal sent after
// that is never lost.
//
// The stop function that Notify returns unregisters that call's channel with
// [signal.Stop], never [signal.Reset], so the host program's own handlers of
// the same signal keep receiving it. It then waits for a reload in progress:
// once stop returns, that Notify's reload function is not running and will
// not be called again. stop is idempotent and safe for concurrent use, but
// must not be called from the reload function, where it would wait for
// itself.
//
// A failed reload does not end the listening. The reload function reports
// its own errors: the registry logs them and keeps the last good levels.
//
// A signal always reloads, even when the file has not changed since the last
// reload, so the operator who sent it always gets an acknowledgement. A
// watcher on the same registry compares the file with what the registry last
// read, whichever trigger read it, so a save that a signal has already
// applied is not reloaded again: see the watcher package.
//
// # Signals before Notify
//
// On Unix, importing the package registers a package-level channel for
// SIGUSR1 that holds at most one signal. The first Notify that listens for
// SIGUSR1 takes that signal over, runs one reload for it, and unregisters the
// channel. So a SIGUSR1 sent between process start and the call to Notify,
// for instance while the program is still reading its configuration, is not
// lost. The early channel is not kept after that, because it would also
// catch every signal a listener handles, and a later Notify could not tell
// those from new ones; signals sent after a stop and before a new Notify are
// not replayed.
//
// The early channel is about not losing the signal, not about surviving it.
// A Go program ignores a SIGUSR1 or SIGUSR2 that it has not asked for (see
// [os/signal]), with or without this package; SIGHUP, by contrast, ends it.
// In a program built with -buildmode=c-archive or c-shared, where the host's
// handling of SIGUSR1 applies by default, importing the package makes Go
// catch SIGUSR1 from initialization on. No Go code can catch a signal that
// arrives before the Go runtime has started: in the first moments after exec
// the kernel's default action for SIGUSR1, terminate, still applies.
//
// # Choosing another signal
//
// SIGUSR1 is a convention, not a reservation. gunicorn and nginx reopen
// their log files on USR1, and logrotate postrotate scripts often send USR1
// for the same purpose. In a process that already gives USR1 a meaning, or
// whose log rotation sends it, listen for another signal:
//
//	stop := signals.Notify(reg.Reload, syscall.SIGUSR2)
//
// and send that one. With systemd, let "systemctl reload" do it:
//
//	[Service]
//	ExecReload=/bin/kill -USR2 $MAINPID
//
// or, with the default signal:
//
//	ExecReload=/bin/kill -USR1 $MAINPID
//
// SIGHUP is the other common "reload" signal, but unlike USR1 and USR2 it
// ends a Go program that is not listening for it, so a SIGHUP sent before
// Notify or after stop terminates the process.
//
// # Windows
//
// Windows has no SIGUSR1. There, Notify with no signals registers nothing,
// starts no goroutine, and returns a stop function that does nothing. Use the
// watcher package, which reloads when the file is saved, or pass a signal
// that Windows delivers, such as [os.Interrupt], if the program has no other
// use for it.
package signals
