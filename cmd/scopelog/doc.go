// Command scopelog validates components files and turns components' logs on
// and off, in a file or in a running process:
//
//	scopelog check components                       # validate, as nginx -t does
//	scopelog set saas.client -for 15m               # the only process of yours with an admin socket
//	scopelog list                                   # its state; with several, one line each
//	scopelog set -pid 4242 saas.client -for 15m     # process 4242, through its admin socket
//	scopelog set -file components -pidfile app.pid saas.client -for 15m
//	scopelog set -url http://127.0.0.1:8000/debug/scopelog saas.client -for 15m
//	scopelog set -url http://127.0.0.1:8000/debug/scopelog 'saas.client[tenant=acme]' -for 15m
//	scopelog list -url http://127.0.0.1:8000/debug/scopelog
//	scopelog unset -url http://127.0.0.1:8000/debug/scopelog saas.client
//	scopelog unset -url http://127.0.0.1:8000/debug/scopelog -all
//	scopelog flush -url http://127.0.0.1:8000/debug/scopelog saas.client
//	curl -H "$(scopelog grant -key debug.key -for 15m saas.client)" https://myapp/report
//
// Install it with
//
//	go install github.com/scopelog/scopelog/cmd/scopelog@latest
//
// Each command prints its flags with -h. LEVEL, -for and -until read as in
// a components file, by the same parser as the admin handler's: a level name
// in any case; a duration such as 90s, 15m, 1h30m or 2d, from 1s; an
// RFC 3339 time with an offset or Z, such as 2026-11-26T15:00:00Z.
//
// # The target
//
// A command acts on a running process's admin handler, named by -url or,
// when neither -url nor -file is given, by the environment variable
// SCOPELOG_URL; or, for set and unset, on a components file named by -file.
// Without any of them, it acts on the admin socket of a process that set up
// with scopelog.Open: the one -pid or -pidfile names, or else the only one
// of this user's (every user's, for root).
//
// # The admin socket
//
// scopelog.Open serves the admin handler on a Unix socket named after the
// process id, <pid>.sock, in $XDG_RUNTIME_DIR/scopelog or else in
// <temporary directory>/scopelog-<uid>, a directory of mode 0700. The
// command looks in both places (root, in every user's), in directories
// that pass the same checks as the process makes of them, and connects to
// each socket: one that nothing listens on is passed over. list with no
// target prints, when several processes serve one, a line for each: its
// pid, its program's name (as the process reports it, escaped), and how
// many components and overrides it has. set, unset and flush with several
// exit 2 with that list on stderr: name one with -pid. With none, every
// command exits 2, as with no target. In a container, where the program is
// the only such process:
//
//	kubectl exec deploy/myapp -- scopelog set saas.client -for 15m
//
// The process serves only its own user and root (it checks each client's
// credentials, and answers others 403): run the command as the same user,
// as kubectl exec does by default. There is no admin socket on Windows.
//
// # Signed debug headers
//
// grant prints a header line, Scopelog-Debug: <token>, signed with the key
// in -key's file (see scopehttp.ReadKeyFile for the checks it must pass). A
// server whose handler scopehttp.NewHandler wraps, with the same key, then
// writes the debug lines of the components PATTERN covers for the requests
// that carry the header only, until -for (15m by default) or -until, at most
// 24 hours ahead; the services it calls through scopehttp.Transport too.
// grant needs no target: it talks to no process.
//
// # File mode
//
// With -file, set and unset rewrite the components file atomically: a
// temporary file in the same directory, with the file's mode and owner,
// synced, then renamed over it. Every other line and comment is kept; the
// rule of the same pattern is replaced, or a rule is appended, with until=
// as an absolute time (now plus -for, rounded up to the second; -for 0
// writes no expiry). The new content is validated with the registry's
// parser before anything is written.
//
// A file the process would refuse is reported with the registry's own
// message and left alone: invalid, too large, world-writable, owned by
// another user, or in a directory another user owns or may write
// (registry.ReadFile's trust checks). The new file is judged the same way
// beside the old one before it takes its place, so a file is not created in
// such a directory either. The command cannot know which user the process
// runs as: it trusts root and its own user, like the registry, and the uids
// of -trusted-owners, as the program would with registry.WithTrustedOwners.
//
// Two runs of the command that edit files of one directory at once take
// turns: each holds an advisory lock (flock) on the directory from its read
// to its rename, and says so on stderr while it waits. On systems without
// flock (Windows), there is no lock: two edits at the same moment can lose
// one, the last rename winning, as with any editor.
//
// Then, with -pid or -pidfile, the command sends the process its reload
// signal (-signal, SIGUSR1 by default): in file mode they name the process
// to signal, not a socket. The pidfile is read, at most 64 bytes of it,
// before the file is changed.
//
// # HTTP mode
//
// With -url, or through an admin socket, set and unset talk to the
// process's admin handler (package admin): set PUTs an override, which the
// process drops when it expires or exits, and unset clears it; unset -all
// clears every override and prints how many. Both print the components
// whose state changed.
//
// set refuses a pattern that covers no component of the process, as the
// typo it most likely is: it prints the closest name ("did you mean
// saas.client?") and exits 1, with nothing set. -allow-unmatched sets it
// anyway, for a component the process registers later.
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
// # What the command prints
//
// The command believes nothing it is told. An answer of 200 must be the
// state of an admin handler, and after set, one that holds the override;
// otherwise the command fails. Everything it prints that came from outside
// (a server's answers and messages, file paths, component names) has its
// control characters escaped, as \x1b or \n, so that nothing can act on the
// terminal or forge a line; a server's message is cut at 4 KiB, with a
// note. list prints the state it decoded, in the handler's text form or
// with -json as JSON, never the server's bytes.
//
// # Exit status
//
// 0 on success; 1 on failure, with the reason on one line of stderr (an
// invalid file, the server's error message, a process not found, a
// permission denied); 2 for a command line that makes no sense, with the
// usage on stderr.
package main
