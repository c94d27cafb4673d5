// Package admin serves a registry's state over HTTP, and lets an operator
// turn a component's debug lines on for a bounded time with curl alone, in
// one process, with no file and no signal.
//
// The program mounts the handler on its own mux, wherever it likes; the
// package starts no server:
//
//	mux.Handle("/debug/scopelog", admin.Handler(reg))
//	expvar.Publish("scopelog", admin.Var(reg))
//
// # The handler
//
// GET answers with the state of every component (its level, the rule that
// set it and when that rule expires), the overrides in force, the components
// file and the last reload, as JSON ([State]), or as an aligned table with
// "Accept: text/plain" or "?format=text":
//
//	curl -s localhost:8000/debug/scopelog?format=text
//
// PUT or POST, with "Content-Type: application/json" and a [Request] body,
// sets an override through [registry.Registry.Override]; it expires after
// "for" (1h by default) or at "until":
//
//	curl -X PUT -H 'Content-Type: application/json' \
//	    -d '{"pattern":"saas.client","for":"15m"}' localhost:8000/debug/scopelog
//
// POST with {"flush":"saas.client"} alone makes the components the pattern
// covers write out the entries they recorded under a rule with record=N
// (see [registry.Registry.Flush]), and answers with their number as a
// [Flushed]: {"pattern":"saas.client","flushed":18}. The state shows, for
// each component that records, its "record" (N) and "recorded" (held now),
// and the text form a RECORDED column, "18/50".
//
// The state also shows how much each component writes: "written", its
// entries by level since it was registered, and in the text form a
// WRITTEN column, "debug/total", so that the component that floods stands
// out; and, for a component under a limit (limit=N/s), "limit" and
// "dropped", and a DROPPED column, "120 (100/s)".
//
// DELETE with "?pattern=saas.client" clears that override (404 if there was
// none); DELETE with no pattern clears them all. Every write answers with the
// new state, as GET does. Bad input gets 400 and a body such as
// {"error":"unknown level \"verbose\": ..."}; other methods get 405.
// Overrides live in the process only: the components file is what persists
// across restarts.
//
// # Security
//
// Whoever can reach the handler can make the program write its debug lines,
// which may carry data that the Info lines do not. So, by default, the
// handler answers 403 Forbidden to:
//
//   - a request whose peer (RemoteAddr) is not a loopback address, as
//     Envoy's and Linkerd's admin endpoints do. A request that came in over
//     a Unix domain socket is let through: the socket's file mode decides
//     who can connect;
//   - a request whose Host header names anything but a loopback address or
//     "localhost". A web page that an operator's browser opens cannot use
//     DNS rebinding to reach the handler through a name of its own.
//
// Writes must carry a JSON content type (else 415), which a browser sends
// cross-origin only after a CORS preflight that the handler never grants,
// so a web page cannot forge them. Request bodies over 64 KiB are refused
// with 413.
//
// [AllowRemote] lifts the two loopback checks. Use it only when the handler
// is mounted behind the program's own authentication and authorization: it
// then answers anyone who reaches it.
//
// # Concurrency
//
// The handler and the expvar.Var are safe for concurrent use, as is the
// registry underneath: overrides, reloads and expiries are serialized there.
// A response is assembled from several reads of the registry, so a reload
// that runs at the same moment may show in one part of it and not yet in
// another.
package admin
