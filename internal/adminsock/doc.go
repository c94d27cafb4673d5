// Package adminsock serves a registry's admin handler on a Unix domain
// socket named after the process id, in a directory only the process's
// user can enter, and finds those sockets for the scopelog command: no port
// to pick, nothing to configure, the gops agent's model.
//
// # Where
//
// A process's socket is <dir>/<pid>.sock, where dir is
// $XDG_RUNTIME_DIR/scopelog when that variable is set, and
// <os.TempDir()>/scopelog-<euid> otherwise ([Dir]). The directory is made
// with mode 0700; one that exists must be a directory (not a symlink)
// owned by the process's effective user with mode 0700, and the directory
// that holds it must pass the registry's trust checks (registry.CheckDir):
// anything else is refused with a message saying why and what to do. The
// socket itself has mode 0600. Sockets in the directory whose process is
// gone (nothing listens: the connection is refused) are removed before
// listening.
//
// # Who
//
// The file modes keep other users out; the server checks anyway, with the
// peer credentials of each connection (SO_PEERCRED on Linux,
// LOCAL_PEERCRED on the BSDs and macOS), and answers 403 to any user but
// the process's own and root. On systems where this package cannot read
// peer credentials (Windows and the Unix systems it does not know),
// [Supported] is false and [Listen] fails with [ErrUnsupported].
//
// # Concurrency
//
// A Server is safe for concurrent use; Close may be called more than once.
// The functions of the command's side ([Find], [Client]) share nothing.
package adminsock
