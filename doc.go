// Package scopelog sets up detailed logs on demand in one call: named
// components whose levels a components file sets, reloaded on a signal or
// when the file is saved, and an admin socket that the scopelog command
// finds by itself.
//
//	logs, err := scopelog.Open("/etc/myapp/components")
//	if err != nil {
//		log.Fatal(err)
//	}
//	defer logs.Close()
//	db := logs.Component("db")
//	db.Debug("query", zap.String("sql", q)) // written only while a rule says so
//
// Then, on the same machine (or in the same container):
//
//	echo db > /etc/myapp/components      # the watcher reloads it: db's debug lines appear
//	scopelog set db.pool -for 15m        # or an override, through the socket, that ends by itself
//	scopelog list                        # every component, its level and the rule that set it
//
// # What Open does
//
// Open composes the other packages, and adds nothing to them but the
// wiring:
//
//   - a registry (package registry) with the file, loaded once. A missing,
//     invalid or untrusted file does not fail Open: the registry logs why on
//     its component "scopelog", keeps it in LastReload, and runs every
//     component at its default (Info) until the file is fixed;
//   - a reload on SIGUSR1 (package signals; [WithSignals] for others, or
//     none);
//   - a reload when the file changes (package watcher; [WithoutWatcher]),
//     which needs the file's directory to exist;
//   - the admin handler (package admin) on a Unix socket ([WithoutSocket],
//     [WithSocket]).
//
// The triggers start before the first load, so that no change falls
// between them. That load comes before the program registers its
// components, so it cannot tell a typo in a rule from a component not
// registered yet: its acknowledgement says so, and 5 s later the registry
// warns, once, about the rules that still match no component. Components write JSON lines to stderr unless
// [WithRegistryOptions] gives the registry another sink, such as
// registry.WithConsole(os.Stderr) for a terminal.
//
// # The admin socket
//
// The socket is <pid>.sock in $XDG_RUNTIME_DIR/scopelog when that variable
// is set, and in <os.TempDir()>/scopelog-<uid> otherwise: a directory of
// mode 0700 that Open makes, owned by the process's user. A directory that
// is there with another owner, another mode or as a symlink is refused, and
// so is one on a path that fails the registry's trust checks (see
// registry.CheckDir): Open then fails with a message that says why and what
// to do. The socket has mode 0600,
// and the server checks each client's credentials besides (SO_PEERCRED on
// Linux, LOCAL_PEERCRED on macOS and FreeBSD): only the process's own user
// and root are served, others get 403. Sockets left by processes that are
// gone are removed when Open makes its own.
//
// The scopelog command finds the sockets of the user's processes (every
// user's, for root) with no flag: scopelog list shows the state of the only
// one, or a line for each, and set, unset and flush act on the only one, or
// on the one -pid names. In a
// container whose image has the command, kubectl exec deploy/myapp --
// scopelog set saas.client -for 15m is all it takes.
//
// There is no admin socket on Windows, nor on Unix systems other than
// Linux, macOS and FreeBSD, where the server could not check who connects:
// Open then serves none, and fails only if [WithSocket] asks for one.
// Mount admin.Handler on a loopback HTTP server of the program's instead.
//
// Open serves one socket per process: a second Open in the same process,
// before the first is closed, fails, unless one of them uses WithoutSocket
// or WithSocket.
//
// # Wiring it yourself
//
// Open is a convenience: each part is a package of its own, for a program
// that wants them otherwise (two registries, the admin handler on its own
// HTTP mux, no watcher). The registry package's documentation shows the
// equivalent of Open, part by part, under "Wiring it yourself".
//
// # Concurrency
//
// A Logs is safe for concurrent use. Close stops the triggers, waiting for
// a reload in flight, and then the socket, waiting for the requests in
// flight, and leaves no goroutine behind; the registry keeps working
// afterwards.
package scopelog
