// Package scopehttp gives each request of an HTTP server its scope, so
// that an operator can have the debug lines of one request, in every
// service it passes through, and the lines of a request that fails
// without having turned anything on.
//
// NewHandler wraps a server's handler; with no option it only puts the
// request's scope in its context:
//
//	http.ListenAndServe(addr, scopehttp.NewHandler(mux))
//
// # The request's scope
//
// For each request, the handler adds to the context, with
// component.WithScope:
//
//   - request: the incoming X-Request-Id, if it is a valid scope value
//     (component.ScopeValueRule) of at most 128 bytes, or else a new random
//     id of 16 lowercase hex digits. The response carries it back in
//     X-Request-Id, and Transport sends it onward.
//   - ip: the client's address, from the connection. X-Forwarded-For is
//     read only with TrustProxies, and then only from those peers.
//
// The program adds tenant and user itself, where it learns them, after
// authentication (see the Example). The components log through
// Logger.Ctx(r.Context()), or slog's context calls, and a scoped rule such
// as saas.client[tenant=acme]=debug or *[request=7f3a9c1e0b2d4f68]=debug
// then applies to those calls.
//
// # Signed debug headers
//
// With WithKey or WithKeyFile, the handler also accepts a header
//
//	Scopelog-Debug: <token>
//
// made by Sign, or by the command: scopelog grant -key FILE -for 15m
// 'saas.client=debug' prints the header line, ready for curl -H. A token
// names a pattern (with an optional condition, as a rule's), a level and
// an until, at most 24 hours ahead (WithMaxGrant lowers that), and is
// signed with HMAC-SHA256 over all of them and a random id; it is at most
// 1 KiB. A valid, unexpired token makes the components its pattern covers
// log at its level for that request only: the context carries
// grant=<id>, and every entry written because of it the field
// "scope":"grant=<id>". Transport forwards the header with the request,
// so a downstream service with the same key debugs the same request.
//
// A header with a bad signature, a bad format, a passed or too distant
// until, or sent to a server without a key, is ignored: the request is
// served exactly as without it, and nothing in the response says that it
// was ignored, or why. Var counts them by reason, and the handler logs at
// most one Warn a minute naming the last reason and how many it covers.
// A client without the key can neither turn debug on nor learn whether it
// tried.
//
// While a granted request is in flight, every call below its component's
// level through a bound logger reads its context (one ctx.Value walk, as
// with a scoped rule); when none is, a disabled call costs one atomic load
// again.
//
// # The failing request's recorder
//
// With WithRecorder(n), each request keeps in memory its last n entries
// that the components' levels drop, from every component it logs through
// with Logger.Ctx and the slog context calls, captured at the call as a
// component's record=N does. When the request ends with a status of 500
// or more, or a panic passes through the handler (which panics again once
// the entries are written), or a component logs at Error or above with the
// request's context, the recorded entries are written, oldest first, each
// through its own component and sink, with recorded=true and its own time
// and level, after one entry that names the request and their count.
// Otherwise they are dropped when the request ends.
//
// A request holds at most n entries and 256 KiB of captured data, every
// byte counted (a string sliced from a larger one is copied, not kept);
// all the requests in flight together hold at most WithRecorderBudget
// bytes, 64 MiB by default. A request that finds the budget spent does not
// record, and Var counts it. While a handler with a recorder exists, every
// call through a bound logger below its component's level reads its
// context, and a call that a request records costs its capture.
//
// With a recorder, the handler serves next through a ResponseWriter of its
// own, to see the status: it has Flush, and Unwrap for
// http.ResponseController (Hijack, SetWriteDeadline), but a handler that
// asserts http.Hijacker directly on it gets false.
//
// # Concurrency
//
// The handler and the Transport are safe for concurrent use, as
// http.Handler and http.RoundTripper must be. The key file is read once,
// by NewHandler.
package scopehttp
