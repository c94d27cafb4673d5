package report

// The scenarios of BenchmarkCtx, the calls through Logger.Ctx (issue 17).
const (
	ctxNoRule      = "Ctx/Disabled/NoScopedRule"
	ctxOtherTenant = "Ctx/Disabled/OtherTenant"
	ctxMatching    = "Ctx/Enabled/Matching"
)

// ctxTargets evaluates the targets of issue 17 for calls through
// Logger.Ctx: with no scoped rule, a disabled call costs what it costs on
// the Logger; with a rule for another tenant, the call that must read its
// context costs no more than zerolog's context form doing the same walk;
// a call the rule lets through costs what the same line costs at Debug;
// and none allocates.
func ctxTargets(rs *Results) []Target {
	return []Target{
		ratioTarget(rs, ctxNoRule, EventLibrary, FastReference, "zerolog's disabled chain", 0.5,
			nsOf(rs, "Disabled/TwoFields", EventLibrary, "the same chain on the Logger")),
		allocsTarget(rs, ctxNoRule, EventLibrary),
		ratioTarget(rs, ctxNoRule, "scopelog", "scopelog-plain", "the same call on the Logger", 1.2, ""),
		allocsTarget(rs, ctxNoRule, "scopelog"),
		ratioTarget(rs, ctxOtherTenant, EventLibrary, FastReference, "zerolog.Ctx(ctx), its logger as deep in the context", 1,
			nsOf(rs, ctxOtherTenant, "scopelog", "the zap form")),
		allocsTarget(rs, ctxOtherTenant, EventLibrary),
		ratioTarget(rs, ctxMatching, "scopelog", "scopelog-debug", "the same line at Debug, its scope a field", 1.1, ""),
		ratioTarget(rs, ctxMatching, EventLibrary, "scopelog-event-debug", "the same line at Debug, its scope a field", 1.1, ""),
		allocsTarget(rs, ctxMatching, "scopelog"),
		allocsTarget(rs, ctxMatching, EventLibrary),
	}
}
