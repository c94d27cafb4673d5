// Command slog is the quick start for programs written against log/slog:
// three components logging through a slog JSON handler of the program's
// own, a components file that sets their levels, and SIGUSR1 to reload it.
//
//	go run ./examples/slog &
//	echo db > components && kill -USR1 <pid>   # db's debug lines appear
//	: > components && kill -USR1 <pid>         # and stop
//	kill <pid>                                 # SIGTERM, or Ctrl-C in the foreground
//
// It logs, every -every (1s), one Info line on app and one Debug line on
// each of app, db and cache. With no components file every component is at
// Info, so only the Info lines appear. The "started" line gives the pid.
//
// # Flags
//
//	-components  the components file (./components)
//	-every       how often to log (1s)
//
// On Windows, which has no SIGUSR1, use the watcher package to reload on
// save instead; see examples/webapp.
package main
