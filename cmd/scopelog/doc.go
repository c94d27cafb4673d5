// Command scopelog validates components files and turns components' logs on
// and off, in a file or in a running process:
//
//	scopelog check components                       # validate, as nginx -t does
//	scopelog set -file components -pidfile app.pid saas.client -for 15m
//	scopelog set -url http://127.0.0.1:8000/debug/scopelog saas.client -for 15m
//	scopelog set -url http://127.0.0.1:8000/debug/scopelog 'saas.client[tenant=acme]' -for 15m
//	scopelog list -url http://127.0.0.1:8000/debug/scopelog
//	scopelog unset -url http://127.0.0.1:8000/debug/scopelog saas.client
//	scopelog flush -url http://127.0.0.1:8000/debug/scopelog saas.client
//
// Install it with
//
//	go install github.com/scopelog/scopelog/cmd/scopelog@latest
//
// # File mode
//
// With -file, set and unset rewrite the components file atomically: a
// temporary file in the same directory, with the file's mode and owner,
// synced, then renamed over it. Every other line and comment is kept; the
// rule of the same pattern is replaced, or a rule is appended, with until=
// as an absolute time. The new content is validated with the registry's
// parser before anything is written, and a file the registry would refuse
// (invalid, world-writable, too large) is reported, not rewritten. Then, with
// -pid or -pidfile, the command sends the process its reload signal (-signal,
// SIGUSR1 by default). Two editors at once can lose one's change, as with
// any editor: the last rename wins.
//
// # HTTP mode
//
// With -url, set and unset talk to the process's admin handler (package
// admin): set PUTs an override, which the process drops when it expires or
// exits, and unset clears it. Both print the components whose state
// changed. For one pod:
//
//	kubectl exec deploy/myapp -- scopelog set -url http://127.0.0.1:8000/debug/scopelog saas.client -for 15m
//
// flush asks the admin handler to write out the entries that components
// recording under a rule with record=N hold now, and prints how many.
//
// # Scoped rules
//
// A pattern may carry a condition, 'saas.client[tenant=acme]' (quoted for
// the shell): set and unset then work on a scoped rule or override, which
// applies only to the calls whose context carries the condition (see the
// registry's scoped rules). In HTTP mode, set prints the components the
// scoped override covers, since it changes no component's level; list
// shows the scoped rules in force, with the entries each let through.
//
// # Exit status
//
// 0 on success; 1 on failure, with the reason on stderr (an invalid file, the
// server's error message, a process not found, a permission denied); 2 for
// a command line that makes no sense, with the usage on stderr.
package main
