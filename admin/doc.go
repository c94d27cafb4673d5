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
// A scoped pattern sets a scoped override, for the calls whose context
// carries the condition only (see the registry's scoped rules):
//
//	curl -X PUT -H 'Content-Type: application/json' \
//	    -d '{"pattern":"saas.client[tenant=acme]","for":"15m"}' localhost:8000/debug/scopelog
//
// The state lists the scoped rules in force, of the file and overrides
// alike, apart, under "scoped" ([Scoped]): each with the components it is
// in force for and the entries it has let through ("written"); the text
// form adds a table of them. DELETE with "?pattern=saas.client[tenant=acme]"
// clears a scoped override.
//
// "level", "for" and "until" read as in the components file, by the same
// parser: a level name in any case; a duration such as 90s, 15m, 1h30m or 2d,
// from 1s, counted from when the request comes (the override lasts at least
// that, less a millisecond); an RFC 3339 time with an offset or Z. A pattern
// that covers no registered component, most likely a typo, gets 404 and the
// closest registered name, as [Refusal]'s "did_you_mean", and sets nothing;
// with "allow_unmatched": true the override is set anyway, for a component
// registered later.
//
// POST with the query ?flush=PATTERN, the JSON content type and an empty
// body makes the components the pattern covers write out the entries they
// recorded under a rule with record=N (see [registry.Registry.Flush]), and
// answers with their number as a [Flushed]:
//
//	curl -X POST -H 'Content-Type: application/json' 'localhost:8000/debug/scopelog?flush=saas.client'
//	{"pattern":"saas.client","flushed":18}
//
// The older form, a POST whose body is {"flush":"saas.client"} alone, still
// works, and is deprecated. The state shows, for each component that
// records, its "record" (N) and "recorded" (held now), and the text form a
// RECORDED column, "18/50".
//
// The state also shows how much each component writes: "written", its
// entries by level since it was registered, and in the text form a
// WRITTEN column, "debug/total", so that the component that floods stands
// out; and, for a component under a limit (limit=N/s), "limit" and
// "dropped", and a DROPPED column, "120 (100/s)".
//
// DELETE with "?pattern=saas.client" clears that override (404 if there was
// none); DELETE with "?all=true" clears them all. Every write answers with
// the new state, as GET does ("?format=text" too). Overrides live in the
// process only: the components file is what persists across restarts.
//
// A request is checked whole before anything changes: one that gets an
// error has changed nothing. A query parameter the method does not take
// (DELETE takes pattern, all and format; GET and PUT format; POST format
// or flush), one given twice, or one misspelled, is refused with 400 rather
// than read as absent, so that DELETE ?Pattern=db cannot clear every
// override. Errors answer with their status and a [Refusal] body such as
// {"error":"\"level\": unknown level \"verbose\": ..."}: 400 for bad input,
// 404 as above, 405 for other methods, 413 and 415 as below.
//
// The text form escapes the control characters of every name, rule, path
// and error, as \x1b or \n, so that a directory name made by another user
// can neither act on the operator's terminal nor forge a line.
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
// Writes, the flush with no body included, must carry a JSON content type
// (else 415), which a browser sends cross-origin only after a CORS
// preflight that the handler never grants, so a web page cannot forge them. Request bodies over 64 KiB are refused
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
