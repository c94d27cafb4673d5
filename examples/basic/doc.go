// Command basic is the quick start of scopelog: two components, a
// components file that sets their levels, and SIGUSR1 to reload it.
//
//	go build -o basic ./examples/basic && ./basic &
//	echo db > components && kill -USR1 <pid>   # db's debug lines appear
//	: > components && kill -USR1 <pid>         # and stop
//	kill <pid>                                 # SIGTERM, or Ctrl-C in the foreground
//
// It logs, every -every (1s), one Info line on app, and one Debug line on
// each of app and db. With no components file, both components are at
// Info, so only the Info lines appear. The "started" line gives the pid;
// send no signal before it appears, since SIGUSR1 ends a process that does
// not handle it yet. With go run, the pid of the background job ($!) is the
// go command's, not the program's: use the pid of the "started" line.
//
// # Flags
//
//	-components  the components file (./components)
//	-every       how often to log (1s)
//	-pidfile     write the process id to this file (none), for
//	             scopelog set -pidfile
//
// On Windows, which has no SIGUSR1, use the watcher package to reload on
// save instead; see examples/webapp.
package main
