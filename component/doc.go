// Package component provides the logger of one named component of a program,
// such as "db", "db.pool" or "saas.client", whose verbosity can change while
// the program runs.
//
// A [Logger] writes through a zap core, but first consults a [Level] of its
// own. The registry package owns one Level per component and changes it when
// an operator edits the components file; code that logs only ever holds the
// Logger.
//
// # Cost of a disabled call
//
// The level methods ([Logger.Debug], [Logger.Info], ...) are small enough for
// the compiler to inline, so a call whose level is disabled costs one atomic
// load and a compare at the call site. The variadic fields slice does not
// escape, so a disabled call with fields allocates nothing; fields are only
// evaluated, never copied. To skip building costly fields, guard them with
// [Logger.Enabled] or use [Logger.Check], as with zap.
//
// An enabled call copies its fields into a pooled buffer before handing them
// to the core, which keeps the caller's slice on the stack. The buffer is
// reused after the core's Write returns, so a core must not retain the fields
// slice past Write. zap's own cores, including zaptest/observer, copy what they
// keep.
//
// # Names
//
// A component name is one or more segments of lowercase ASCII letters, digits,
// '_' and '-', joined by '.': "db", "db.pool", "saas.client". The dots form a
// hierarchy: a rule for "db" also covers "db.pool". Every entry a Logger writes
// carries its name as zap's logger name ("logger":"db.pool").
//
// # Concurrency
//
// A Logger, a Level, and the loggers returned by [Logger.With], [Logger.Zap],
// [Logger.Sugar] and [Logger.Slog] are safe for concurrent use. A level change is visible to
// every goroutine at its next call, with no lock on either side; an entry is
// written whole at the level in force when it was checked.
//
// # Zero values
//
// The zero Level is Info, like slog.LevelVar. A nil *Logger discards
// everything, like logr's zero Logger, so a struct whose logger field was
// never set still works.
package component
