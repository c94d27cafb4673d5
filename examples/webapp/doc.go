// Command webapp reproduces, as a program you can run, the situation that
// scopelog is for: a web app that talks to a third-party SaaS API starts
// answering 500, and the operator needs the SaaS client's debug lines, from
// the live process, without a restart and without the debug lines of
// everything else.
//
//	go run ./examples/webapp
//
// # Components
//
// The app logs on four components, and the registry on a fifth, "scopelog":
//
//   - http: one Info line per request; the request's headers at Debug,
//     credentials redacted by the component.
//   - clock: the handler of /, which loops ten times, logging each
//     iteration at Debug and sleeping -delay, then returns the time.
//   - saas.client: the client of the SaaS API. It logs in, reuses its
//     session token until it expires or is refused with 401, and then logs
//     in again. Its Debug lines show each of these decisions, each request
//     and response, and the parts of a response it could not interpret.
//     It logs the session token, the Authorization header and the cookies
//     as they are, under their usual names, and the component writes
//     fingerprints in their place, as in "[redacted 8a5b1b4d]": the values
//     never reach the log, and equal values show equal fingerprints, so
//     the log shows which token each request carried, and when a token
//     the API revoked was used again.
//   - saas.api: a fake SaaS API served in-process on a loopback port of its
//     own.
//   - webapp: start and stop.
//
// No debug line is written until a rule of the components file asks for it.
// A rule can also ask saas.client to record: with
//
//	saas.client=info record=50
//
// it writes no debug line, but keeps its last 50 in memory, and writes
// them out just before its Error line "GET /v1/report failed": the first
// failure after /admin/saas/break carries its cause.
//
// # Tenants
//
// A request may name its tenant with the query parameter "tenant" or the
// header X-Tenant (1 to 32 bytes of [a-z0-9-]; anything else gets 400):
//
//	curl 'localhost:8000/report?tenant=acme'
//
// A real app would take it from the caller's authentication. The app puts
// it into the request's context, where the SaaS client reads it (each
// tenant has its own account at the API, and its own session), and as the
// scope attribute "tenant" (component.WithScope). The SaaS client and the
// request logging log through loggers bound to the request's context
// (component.Logger.Ctx), so that a scoped rule turns on the debug lines of
// one tenant's requests and no other's:
//
//	scopelog set -url http://127.0.0.1:8000/debug/scopelog 'saas.client[tenant=acme]' -for 10m
//
// Each such line carries "scope":"tenant=acme".
//
// # Endpoints
//
//	GET  /                  the slow clock
//	GET  /report            a report fetched from the SaaS API; 500 when that fails
//	GET  /healthz           "ok"
//	POST /admin/saas/break  the SaaS API switches to its new login response;
//	                        with ?tenant=, for that tenant's account only
//	POST /admin/saas/fix    and back
//	/debug/scopelog         the scopelog admin handler (package admin): the
//	                        components' state, and overrides, for loopback
//	                        clients only
//
// After /admin/saas/break, the fake API revokes its sessions and answers
// logins with the token moved under a "data" object. The client, lenient
// as many are, notes at Debug that the login response lacks "access_token"
// and goes on without a token, so /report fails with a 401 from the API and
// the Error line says only that. The cause is in saas.client's debug lines.
//
// # Reloading
//
// The app sets its logging up with scopelog.Open. Both triggers are on: the
// signal named by -signal (SIGUSR1 by default) and, unless -watch=false, a
// watcher that reloads when the components file is saved. At start the
// program logs its pid and the exact command that turns on saas.client's
// debug lines. Open also serves the admin handler on the process's admin
// socket, so that on the same machine, or in the same container,
//
//	scopelog set saas.client -for 15m
//
// needs no flag: the command finds the process by itself.
//
// # Flags
//
//	-addr        address to listen on (127.0.0.1:8000); port 0 picks a free
//	             port, and the "listening" line says which
//	-components  the components file (./components)
//	-delay       sleep of each iteration of / (1s)
//	-signal      USR1, USR2 or HUP: the signal that reloads the file (USR1)
//	-watch       reload when the file is saved (true)
//	-console     human-readable logs (registry.WithConsole) instead of JSON lines
//
// SIGINT and SIGTERM shut the server down gracefully: requests in flight
// complete, then the triggers and the admin socket stop. A second SIGINT
// ends it at once.
package main
