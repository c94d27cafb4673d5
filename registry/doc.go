// Package registry holds the named components of a program and sets their
// levels from a components file, so that an operator can turn on the debug
// lines of exactly one subsystem of a running process, and off again.
//
// A program registers a logger per component and loads the file at start:
//
//	reg := registry.New(registry.WithFile("/etc/myapp/components"))
//	db := reg.Component("db.pool")
//	if err := reg.Reload(); err != nil { ... }  // the error is logged too
//	db.Debug("query", zap.String("sql", q))     // written only if a rule says so
//
// and reloads it when asked: see the signals and watcher packages. The
// package scopelog (scopelog.Open) does all of that, and serves the admin
// handler, in one call.
//
// A registry with a file that is never reloaded says so: if a component is
// in use and Reload has not run [NeverReadAfter] (5 s) after New, the
// registry logs one Warn "components file never read: call Reload, or use
// scopelog.Open" on its own component, since the file's rules would
// otherwise silently never apply. The check runs from a timer, never on a
// log call.
//
// Sinks: by default every component writes JSON lines to stderr;
// [WithConsole] writes human-readable lines instead, [WithCore] to any zap
// core and [WithHandler] to any slog handler. For code written against
// log/slog, [Registry.SlogHandler] routes slog.Default()'s records to
// components by a "component" attribute, and [component.Logger.Named] gives
// a component's sub-components.
//
// # Wiring it yourself
//
// scopelog.Open does all of the following in one call. A program that wants
// the parts otherwise (two registries, the admin handler on its own HTTP
// mux, no watcher) wires them itself, in this order:
//
//	reg := registry.New(registry.WithFile(path))
//	db := reg.Component("db") // components may register before or after the load
//	w, err := watcher.Watch(path, reg.Reload,
//		watcher.WithLogger(reg.Component(registry.SelfName).Zap()))
//	if err != nil {
//		return err // the file's directory does not exist
//	}
//	defer w.Close()
//	stop := signals.Notify(reg.Reload) // SIGUSR1
//	defer stop()
//	_ = reg.Reload() // after the triggers, so that no change falls in between; errors are logged
//	mux.Handle("/debug/scopelog", admin.Handler(reg)) // on a loopback listener
//
// Give the watcher and the registry the same absolute path. Forgetting the
// first Reload leaves the file's rules unapplied: the registry warns after
// [NeverReadAfter] (see above). The admin socket of scopelog.Open, with its
// directory and peer checks, has no public equivalent: mount admin.Handler
// on a listener of the program's.
//
// # The components file
//
// One rule per line; '#' starts a comment; blank lines are ignored:
//
//	saas.client          # a bare pattern: debug for saas.client and every component under it
//	db=info              # pattern=level: any zap level, case-insensitive
//	http.*.retry=debug   # '*' matches exactly one segment
//	*=warn               # '*' alone: every component that no more specific rule covers
//	db=debug until=2026-11-26T15:00:00Z   # in force until that instant
//	saas.client=info record=50            # info, recording the last 50 debug entries
//	saas.client[tenant=acme]=debug        # debug for tenant acme only
//	db=debug limit=100/s                  # debug, at most 100 debug entries a second
//
// A rule covers the components its pattern names and all their descendants.
// Among the rules that cover a component, the most specific wins (more
// literal segments beat fewer); at equal specificity, the later line wins.
// A component no rule covers is at the default level (see
// [WithDefaultLevel]).
//
// # Scoped rules
//
// A pattern may carry a condition in brackets, key=value pairs that must
// all hold: saas.client[tenant=acme]=debug, *[request=7f3a9c]=debug,
// db[tenant=acme,user=42]=debug until=2026-12-03T18:00:00Z. Such a rule
// applies only to the calls whose context carries the pairs, which a
// program adds with component.WithScope (tenant and user after
// authentication, request and ip per request), and which log through a
// logger of component.Logger.Ctx or slog's context calls. It only ever adds
// detail: for those calls, a component writes at the more verbose of its
// unscoped level and the rule's, and every other call is unchanged. An
// entry written only because of it carries the field "scope" with the
// condition as written, "scope":"tenant=acme", so that it stands out from
// the lines the component writes anyway.
//
// Among scoped rules of the same condition, one wins for a component as
// among unscoped rules, overrides first; rules of different conditions all
// apply. The acknowledgement of a reload lists the scoped rules apart, as
// "scoped", with the components each covers; warns about one that adds
// nothing, since its level is at or above what every component it covers
// writes already; and names one that covers no component among the
// unmatched, with a "did you mean". [Registry.Scoped] reports each with
// the entries it has let through. A file holds at most [MaxScoped] scoped
// rules, and as many scoped overrides may be in force.
//
// # Expiry
//
// until= takes an RFC 3339 time with an
// offset or Z. It is an absolute instant, so every replica that reads the
// same file turns debug off at the same moment, even one that restarted in
// between. A relative time (for=15m) is an error whose message gives the
// until= to write. While the wall clock is before its until, a rule is in
// force; at the instant, the registry drops it and re-applies the other
// rules without reading the file, and each component it covered falls back
// to the next rule that covers it, or to the default. The registry logs one
// entry on "scopelog" for each expiry, with the levels it changed. A rule
// whose until has passed when the file is read is not applied and not an
// error: the acknowledgement lists it as expired.
//
// One timer waits for the earliest until in force. It follows the wall
// clock: while an until is pending, the registry looks at the clock at least
// once a second, so a clock stepped by an administrator or NTP is caught
// within a second; with no until pending, nothing runs.
//
// # Recording
//
// record=N (1 to 10000) makes the components a rule covers keep in memory
// their last N entries below the rule's level, and write them out just
// before their next entry at Error or above: the flight recorder of
// component.Level.SetRecord, whose documentation gives the bounds and the
// cost. [Registry.Flush] writes them out on demand. A reload that removes
// or changes the option drops or resizes the buffer, an expiry of the rule
// drops it, and [ComponentStatus] reports Record and Recorded. The
// acknowledgement of a reload lists the components that record, and warns
// about record= on a rule at Debug, which changes nothing. A component
// records only what its sink would write: with a sink at Info ([WithCore]
// or [WithHandler] at Info), record= on a rule at Info records nothing,
// and on a rule at Warn records Info but not Debug. The acknowledgement
// then comes at Warn, with a warning that names the rule and the fix (a
// sink at a lower level, or no record=), and lists such a component as
// "db: record=50 (records nothing: the sink takes only info and above)".
// On a scoped rule, record=N records for the rule's scope only, in a
// buffer of its own. An override never records: while one sets a
// component's level, it does not record.
//
// # Volume
//
// limit=N/s (or N/m), N from 1 to 1,000,000, bounds what a rule adds: the
// components it covers write at most N entries a second of those below
// the default level, as a token bucket that holds N; Info and above on an
// Info component are never limited. [WithDebugLimit] gives a limit to
// every rule, overrides included, that has none of its own. Dropped
// entries are not recorded either; each component counts them, and
// reports them at most once a second in one entry at Warn, "dropped 120
// debug entries: limit 100/s". [ComponentStatus] gives the limit, the
// count of drops, and the entries each component wrote by level, so that
// the operator sees which component floods.
//
// # Redaction
//
// Every component redacts secrets before its entries are encoded or
// recorded: the values of the keys of component.DefaultRedactKeys
// ("authorization", "cookie", "password", "token", "session", ...), in any
// case and at any depth, are written as fingerprints, "[redacted
// a1b2c3d4]", an HMAC of the value under a key drawn once per process.
// Equal secrets show equal fingerprints, so a token used twice is seen
// without being written. [WithRedactKeys] adds keys,
// [WithoutDefaultRedaction] drops the defaults (a risk), [WithRedactKey]
// gives every replica of a fleet one fingerprint key, and
// [WithRedactValues] also scans every string for bearer credentials and
// JSON Web Tokens. See the component package, "Redaction".
//
// # Overrides
//
// [Registry.Override] sets a level for a pattern from code, such as an admin
// endpoint, until a required instant at most 24 hours ahead (see
// [WithMaxOverride]). An override beats every rule of the file for the
// components it covers; among overrides the most specific wins. A scoped
// override, such as "saas.client[tenant=acme]", beats the file's scoped
// rules of its condition, and neither hides nor is hidden by an unscoped
// rule: they combine as scoped rules do. Overrides
// survive reloads and expire as until= rules do. They live in memory only
// and are lost when the process exits: the file is what persists.
//
// # Reload
//
// [Registry.Reload] reads the whole file, parses it, and applies it all or
// nothing: bad input (a syntax error, an unknown level, a file over 1 MiB, a
// directory or FIFO, a UTF-16 file, an unreadable file, or one that someone
// else could change, see "Trust") changes no level and returns an error such
// as
//
//	/etc/myapp/components:3:4: unknown level "verbose": expected debug, info, ...
//
// A missing file is not an error: it means no rules. A rule that matches no
// registered component stays in force for components registered later, and
// the reload's log entry names it, with a suggestion when a registered name
// is close. Each reload logs one entry on the component "scopelog", the
// operator's acknowledgement: at Info, or at Warn when a rule matches no
// component, since a typo'd name is the commonest mistake. Text from the file
// that it repeats is cut to 64 bytes, and its lists are bounded, so that it
// stays under 8 KiB whatever the file holds. Only rules that name "scopelog"
// literally set its level: a rule made of wildcards, such as "*=warn", leaves
// it at the default so that the acknowledgement stays visible.
//
// # Trust
//
// The file decides what the process logs, so on Unix Reload and [ReadFile]
// refuse it when anyone but root, the process's effective user and the
// owners given to [WithTrustedOwners] could change it, or replace it: like
// OpenSSH's StrictModes, on every ancestor. They check the file (owner; no
// write for everyone, for a group other than the process's, or for an
// untrusted user or another group through its POSIX ACL), every directory
// that resolving its path looks a name up in, up to / and along every
// symlink's target (owner; the same writes, unless the sticky bit keeps
// others from renaming over what they do not own, as in /tmp), and every
// symlink it follows that sits in a sticky directory (owner). ACLs are read
// from the system.posix_acl_access attribute, on Linux. A refusal names the
// path, what is wrong and the fix, and wraps [ErrWorldWritable],
// [ErrUntrustedOwner], [ErrGroupWritable], [ErrACLWritable] or
// [ErrUnsafeDir]. Nothing is checked on Windows.
//
// # Editing the file
//
// [SetRule] and [RemoveRule] render a components file with one rule set or
// removed, keeping every other line and comment, and [ReadFile] checks a file
// as Reload would, without applying it: the pieces of a tool that edits the
// file that people also edit by hand, such as the scopelog command.
//
// # Concurrency
//
// A Registry is safe for concurrent use. Component may be called from any
// goroutine at any time. Reloads, overrides and expiries are serialized, and
// each reload reads the file afresh when its turn comes, so the newest
// content wins. Loggers never take a lock: a change stores each component's
// new level atomically, and an entry is written whole at the level in force
// when it was checked; a rule with an until costs a log call nothing more.
// During a change, different components may briefly be at old and new
// levels. Expiries run on a timer's goroutine, which exists only while an
// until is pending.
//
// A Registry has no Close, because it owns no goroutine: nothing of it runs
// between calls but its timers, and a timer's goroutine exists only while
// its callback runs. They are the expiry timer, armed only while an until
// is pending, which holds the registry until the instant, and the never-read
// warning's, armed by New with [WithFile] and stopped by the first Reload,
// which holds the registry weakly: a registry dropped without a Reload is
// collected and its warning never fires. So goleak finds nothing of a
// registry once its timers are idle; a test that builds one with WithFile,
// a core of its own and no Reload gets the warning 5 s later, and should
// call Reload. Stopping the triggers (signals, watcher) and the admin
// handler that act on a registry is their owners' job, or Close of
// scopelog.Open's Logs.
package registry
