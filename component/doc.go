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
// load and a compare at the call site, plus whatever its arguments cost: Go
// evaluates them before the call. A disabled Debug with no fields costs
// under a nanosecond; with two zap.Fields, building them costs several
// more. The variadic fields slice does not escape, so a disabled call with
// fields allocates nothing; fields are only evaluated, never copied.
//
// An enabled call copies its fields into a pooled buffer before handing them
// to the core, which keeps the caller's slice on the stack. The buffer is
// reused after the core's Write returns, so a core must not retain the fields
// slice past Write. zap's own cores, including zaptest/observer, copy what they
// keep.
//
// # Two forms
//
// Besides the zap form, Debug(msg, fields...), a Logger has an event form,
// [Logger.DebugEvent] and its siblings, which chains typed fields:
//
//	db.DebugEvent().Int("rows", n).Str("sql", q).Msg("query")
//
// A disabled chain builds no field and costs about one atomic load, however
// many fields it has. Use the event form for fields on a hot path, the zap
// form everywhere else, and guard a field that is costly to compute with
// [Logger.Enabled] in either form. Both write the same entry through the
// same core. See [Event].
//
// # Recording
//
// A Level may record ([Level.SetRecord]), as the registry's record=N rule
// option asks: the components that share it keep in memory their last N
// entries below the level they write, and write them out, oldest first,
// just before their next entry at Error or above, or when [Logger.Flush]
// asks. The debug lines that explain an error are then in the log the
// first time it happens, with no debug turned on beforehand.
//
// Every front end records: the zap methods, [Logger.Zap], [Logger.Sugar],
// [Logger.Slog], the event form and the loggers of [Logger.With]. An entry
// is captured at the call into bytes of the recorder's own: its time,
// level, message and caller, the With context of its logger, and its
// fields, copied, with every value that the caller could change later (an
// object, an array, a reflected value, a Stringer, an error) encoded at
// once. A flush writes each entry through the sink that would have written
// it, with recorded=true as its first field, after one entry at Info, "N
// recorded entries before this error", whose fields "from" and "to" give
// the times of the first and the last. Each component flushes only its own
// entries.
//
// The bounds are N entries, at most [MaxRecord], and 1 MiB of memory per
// Level, counting every byte the recorder holds: the captured bytes, the
// buffer that holds them and its slots. Measured with runtime.ReadMemStats
// after a collection, a full recorder retains 1 MiB and about 100 bytes,
// whatever it records; [Level.SetRecord] gives the details. The oldest
// entries go first. A recorded call costs an enabled call's check and the
// capture of its fields, less than writing it, and allocates nothing once
// the buffer has grown, unless a field is a reflected value or an error.
// While a Level records, the inlined check of every call passes at Debug,
// and [Logger.Enabled] reports true for the recorded levels; the calls of
// components that do not record are unchanged.
//
// # Scope: debug for one tenant, user or request
//
// A context may carry scope attributes, key=value pairs that a program adds
// where it learns them ([WithScope]): tenant and user after
// authentication, request and ip per request. A scoped rule, such as the
// registry's saas.client[tenant=acme]=debug ([Level.SetScoped]), makes a
// component write at its level, below its own, for the calls whose context
// carries every pair of its condition.
//
// The calls that see a context are those of the logger that [Logger.Ctx]
// returns, a [Bound], in every form:
//
//	log := client.Ctx(r.Context())              // no allocation; keep it for the request
//	log.Debug("token reused", zap.Int("age_s", age))
//	log.DebugEvent().Int("age_s", age).Msg("token reused")
//	log.Zap(), log.Sugar()                      // for code that takes zap's loggers
//
// and slog's context calls on [Logger.Slog]: DebugContext, Log, LogAttrs
// and Handler().Enabled. An entry written only because of a scoped rule
// carries the field "scope" with the rule's condition as written,
// "tenant=acme", at the top of the entry; an entry written anyway does
// not. Leave the key "scope" to it: a field of your own by that name would
// make two. The rules are read at each call, not when the logger was bound, so a
// rule set in the middle of a request applies from its next call, and a
// rule that expires makes the next call quiet.
//
// A call through a Bound whose component no scoped rule covers costs what
// the same call on the Logger costs, one atomic load, and reads no
// context. With scoped rules, a call below the component's level but at or
// above a rule's reads its context once: one ctx.Value walk, however many
// attributes the context carries, since they all live under one key.
// Calls on the Logger itself never read a context.
//
// A scoped rule may also record ([Scoped]): below its level, the entries of
// its scope go to a recorder of their own, which is written out as the
// component's own is, each entry with its "scope".
//
// Two more kinds of state ride in the scope, for package scopehttp: a
// [Grant] ([WithGrant]), which makes the components it covers write at
// its level for the contexts that carry it, each entry with
// "scope":"grant=<id>"; and a request's recorder ([RecorderPool]), which
// keeps, captured, the entries of the context that no level keeps, from
// every component, to write them if the request fails. While a grant is in
// flight or a RecorderPool is reachable, every call through a Bound below
// its component's level reads its context, as under a scoped rule;
// otherwise they cost nothing. (A component's first call with a context
// below its level reads it too, once: it makes the component known to the
// grants that start later.)
//
// # Redaction
//
// Debug lines are where tokens, cookies and passwords leak, so a component
// redacts before anything is encoded or recorded: a secret reaches neither
// the sink nor the recorder's memory. Every front end passes through the
// one step: the zap methods and the loggers of [Logger.With], [Logger.Zap],
// [Logger.Sugar] and [Logger.Check], the event form, and [Logger.Slog] on
// either kind of sink.
//
// The values of secret keys are written as fingerprints, "[redacted
// a1b2c3d4]": 8 hex digits of the HMAC-SHA256 of the value. Equal secrets
// show equal fingerprints, so a log still shows that one session token was
// used twice, or that the token a client sent is the one it was given,
// without the token. The keys are [DefaultRedactKeys] ("authorization",
// "cookie", "password", "token", "session", ...) and those a
// [RedactConfig] adds, matched on the whole key in any case, at any depth:
// in zap objects (zap.Object, zap.Dict, arrays of objects), after a
// zap.Namespace, in slog groups, and in maps with string keys given to
// zap.Any or as a slog value, http.Header included. A secret key's value
// that is itself an object, an array or a map keeps its shape, every value
// in it fingerprinted. An HTTP credential (the keys "authorization" and
// "proxy-authorization") keeps its scheme: "Bearer [redacted a1b2c3d4]". An
// empty value stays empty: it hides nothing, and an empty credential is a
// fault worth seeing. Structs given to zap.Any are encoded by
// encoding/json as they are: give them a MarshalLogObject method to have
// their keys matched.
//
// [Secret] and [SecretValue] mark a value as secret whatever its key, and
// [RedactConfig] Values makes every string scanned for bearer credentials
// and JSON Web Tokens. The fingerprints' key is drawn at random once per
// process unless [RedactConfig] Key gives one: give every replica of a
// fleet the same key, and they write the same fingerprint for the same
// secret. A [Redactor] is set on a Level ([Level.SetRedactor]); the
// registry sets its own on every component.
//
// The cost falls on enabled calls only: each key is checked against the
// secret keys (a length test and a hash of three bytes, no allocation), and
// an object, array or map field is wrapped so that its keys are checked
// when it is encoded. A redacted value costs an HMAC of the value (a
// pooled, pre-keyed one) and its fingerprint's 19 bytes, the first time;
// the last 256 fingerprints are kept by a hash of their value (never the
// value), so that a secret logged again, as a session token is on every
// request, costs that hash.
//
// # Volume
//
// A Level may limit what its components write ([Level.SetLimit], the
// registry's limit=N/s): of their entries below a given level, at most N
// a second, as a token bucket that holds N; dropped entries are counted,
// and reported once a second in one entry at Warn. Each Level also counts
// the entries its components wrote, by level ([Level.Written]), so that an
// operator sees which component floods. A limit costs an enabled call one
// compare-and-swap, and each written entry costs one atomic add; a
// disabled call costs what it did, one atomic load.
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
// A Logger, a Level, a Bound, and the loggers returned by [Logger.With],
// [Logger.Zap], [Logger.Sugar] and [Logger.Slog] are safe for concurrent
// use, as are contexts made by [WithScope]. A level change is visible to
// every goroutine at its next call, with no lock on either side; an entry is
// written whole at the level in force when it was checked. A recording
// component's loggers hold a lock only to copy an entry into its buffer; a
// flush takes the buffer under that lock and writes it with the lock
// released, and flushes of one component run one at a time, so that its
// entries leave in the order they were recorded, each exactly once.
//
// # Zero values
//
// The zero Level is Info, like slog.LevelVar. A nil *Logger discards
// everything, like logr's zero Logger, so a struct whose logger field was
// never set still works.
package component
