// Command basic is the quick start of scopelog: two components, app and db,
// set up with scopelog.Open, whose levels a components file sets.
//
//	go build -o basic ./examples/basic && ./basic &
//	echo db > components                 # saved: db's debug lines appear
//	scopelog set app -for 1m             # app's too, for a minute, through the admin socket
//	: > components                       # db is quiet again
//	kill <pid>                           # SIGTERM, or Ctrl-C in the foreground
//
// It logs, every -every (1s), one Info line on app, and one Debug line on
// each of app and db. With no components file, both components are at
// Info, so only the Info lines appear. The file is read at start, when it
// is saved (the watcher) and on SIGUSR1; the "started" line gives the pid.
// Send no signal before it appears, since SIGUSR1 ends a process that does
// not handle it yet.
//
// # Flags
//
//	-components  the components file (./components)
//	-every       how often to log (1s)
//	-pidfile     write the process id to this file (none), for
//	             scopelog set -pidfile
//	-watch       reload when the file is saved, besides on SIGUSR1 (true)
//
// On Windows, which has no SIGUSR1 and no admin socket, saving the file is
// the way.
package main
