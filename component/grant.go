package component

import (
	"context"
	"sync"
	"sync/atomic"

	"go.uber.org/zap/zapcore"
)

// GrantKey is the scope key of a grant: a context that carries a grant
// carries the attribute grant=<its ID>, and the entries written because
// of it the field "scope" with "grant=<ID>".
const GrantKey = "grant"

// Grant makes the components it covers write at Level for the work of
// the contexts that carry it, and only for that work: the signed debug
// header of package scopehttp gives one to the requests that carry it.
// A grant only ever adds detail, as a scoped rule does, and its entries
// carry the field "scope" with its label, "grant=<ID>".
type Grant struct {
	// ID names the grant; it follows [ScopeValueRule].
	ID string
	// Level is the level at which the components covered write.
	Level zapcore.Level
	// Covers reports whether the grant covers the component of that
	// name. It is called by the calls below a component's level, through
	// bound loggers whose context carries the grant: it must be fast and
	// safe for concurrent use.
	Covers func(component string) bool
	// Condition, if not nil, must also hold for the context's scope.
	Condition *Condition
}

// grant is a Grant in a scope.
type grant struct {
	rule   Scoped // its Condition is grant=<ID>, for the field "scope"
	covers func(string) bool
	cond   *Condition
	ended  atomic.Bool
}

// WithGrant returns a copy of ctx that carries g, and the scope attribute
// grant=<g.ID>, and a function that ends the grant's work: call it when
// the work ends, such as when the request is served, as with a
// context.CancelFunc: the grant then applies no more, to calls that still
// hold the context. A context carries one grant: a later WithGrant
// replaces it.
//
// While some grant is in flight, every call below its component's level
// through a bound logger reads its context, one ctx.Value walk, as when a
// scoped rule covers the component; when the last grant ends, such calls
// cost again one atomic load. Starting the first grant and ending the
// last take a lock per component, to change the level they check.
//
// WithGrant panics if g.ID breaks [ScopeValueRule] or g.Covers is nil:
// both come from the program, not from a request.
func WithGrant(ctx context.Context, g Grant) (context.Context, func()) {
	if err := CheckScopeValue(g.ID); err != nil {
		panic("component: WithGrant: ID: " + err.Error())
	}
	if g.Covers == nil {
		panic("component: WithGrant: nil Covers")
	}
	cond, err := ParseCondition(GrantKey + "=" + g.ID)
	if err != nil {
		panic("component: WithGrant: " + err.Error())
	}
	s := withAttr(scopeOf(ctx), GrantKey, g.ID)
	gr := &grant{rule: Scoped{Condition: cond, Level: g.Level}, covers: g.Covers, cond: g.Condition}
	s.grant = gr
	interested(1)
	return context.WithValue(ctx, scopeKey{}, s), sync.OnceFunc(func() {
		gr.ended.Store(true)
		interested(-1)
	})
}

// allows reports whether the grant lets the component name write an entry
// at lvl for the scope s.
func (g *grant) allows(s *scope, name string, lvl zapcore.Level) bool {
	return lvl >= g.rule.Level && !g.ended.Load() && (g.cond == nil || g.cond.holds(s)) && g.covers(name)
}
