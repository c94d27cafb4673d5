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
// and reloads it when asked: see the signals and watcher packages.
//
// # The components file
//
// One rule per line; '#' starts a comment; blank lines are ignored:
//
//	saas.client          # a bare pattern: debug for saas.client and every component under it
//	db=info              # pattern=level: any zap level, case-insensitive
//	http.*.retry=debug   # '*' matches exactly one segment
//	*=warn               # '*' alone: every component that no more specific rule covers
//
// A rule covers the components its pattern names and all their descendants.
// Among the rules that cover a component, the most specific wins (more
// literal segments beat fewer); at equal specificity, the later line wins.
// A component no rule covers is at the default level (see
// [WithDefaultLevel]). Whitespace-separated key=value options after a rule
// are reserved for later features; any option is an error today.
//
// # Reload
//
// [Registry.Reload] reads the whole file, parses it, and applies it all or
// nothing: bad input (a syntax error, an unknown level, a file over 1 MiB, a
// directory or FIFO, a UTF-16 file, an unreadable file, or one that someone
// else could change, see [ErrUntrustedOwner]) changes no level and returns an
// error such as
//
//	/etc/myapp/components:3:4: unknown level "verbose": expected debug, info, ...
//
// A missing file is not an error: it means no rules. A rule that matches no
// registered component stays in force for components registered later, and
// the reload's log entry names it, with a suggestion when a registered name
// is close. Each reload logs one entry on the component "scopelog", the
// operator's acknowledgement. Only rules that name "scopelog" literally set
// its level: a rule made of wildcards, such as "*=warn", leaves it at the
// default so that the acknowledgement stays visible.
//
// # Concurrency
//
// A Registry is safe for concurrent use. Component may be called from any
// goroutine at any time. Reloads are serialized, and each reads the file
// afresh when its turn comes, so the newest content wins. Loggers never take
// a lock: a reload stores each component's new level atomically, and an entry
// is written whole at the level in force when it was checked. During a reload,
// different components may briefly be at old and new levels.
package registry
