package registry

import (
	"context"
	"log/slog"
	"slices"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/internal/slogcore"
)

// ComponentKey is the attribute that routes the records of a
// [Registry.SlogHandler] to a component.
const ComponentKey = "component"

// DefaultComponent is the component of the records of a
// [Registry.SlogHandler] that name none.
const DefaultComponent = "default"

// SlogHandler returns a slog.Handler that writes each record as a component
// of r: the one named by the attribute "component" given to With (or
// WithAttrs), and the component "default" for records without one. Set as
// slog's default,
//
//	slog.SetDefault(slog.New(reg.SlogHandler()))
//
// it puts every package that logs through slog.Default() under the rules of
// the components file, one component per name it gives:
//
//	log := slog.With("component", "db.pool") // the component db.pool, registered now
//	log.Debug("query", "sql", q)             // written if a rule turns db.pool to debug
//
// The component is resolved once, when With is called, not at each record:
// a disabled call through log costs what one through the component's own
// [component.Logger.Slog] costs. So only With routes: a "component"
// attribute given to a single call, or inside a group, is an ordinary
// attribute. A later With("component", ...) routes to another component,
// keeping the other attributes and groups. The routing attribute itself is
// not written, since the component's name is the logger's; a value that is
// not a valid component name (see component.CheckName) routes nothing and
// is written as an ordinary attribute.
//
// Each record is written by the component's slog front end, with its level,
// sink and recorder, as [component.Logger.Slog] describes. The handler is
// safe for concurrent use, and so are those derived from it.
func (r *Registry) SlogHandler() slog.Handler {
	r.setup()
	log := r.Component(DefaultComponent)
	return &router{reg: r, log: log, h: log.Slog().Handler()}
}

// router is a SlogHandler: the handler of the component its records go to,
// and what to give another component's handler if a later WithAttrs routes
// elsewhere.
type router struct {
	reg *Registry
	log *component.Logger // the component of the records
	h   slog.Handler      // its slog handler, with the attributes
	// attrs are the attributes given since SlogHandler, the routing ones
	// left out, to give another component's handler.
	attrs [][]slog.Attr
	// grouped is set once a group is open: a "component" attribute then
	// belongs to the group and routes nothing, so attrs are not kept.
	grouped bool
}

var _ slog.Handler = (*router)(nil)

// Enabled asks the component's level first, inlined, so that a disabled
// call costs one atomic load behind this method, as one through the
// component's own Slog() does, rather than a second dynamic call; the
// handler then has the last word.
func (h *router) Enabled(ctx context.Context, l slog.Level) bool {
	return h.log.Enabled(slogcore.ZapLevel(l)) && h.h.Enabled(ctx, l)
}

func (h *router) Handle(ctx context.Context, rec slog.Record) error {
	return h.h.Handle(ctx, rec)
}

func (h *router) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return h
	}
	if h.grouped {
		return &router{reg: h.reg, log: h.log, h: h.h.WithAttrs(attrs), grouped: true}
	}
	// slog gives the handler the slice: it may keep it.
	var target *component.Logger
	rest := attrs
	if slices.ContainsFunc(attrs, func(a slog.Attr) bool { return a.Key == ComponentKey }) {
		rest = nil
		for _, a := range attrs {
			if log := h.route(a); log != nil {
				target = log
				continue
			}
			rest = append(rest, a)
		}
	}
	kept := h.attrs
	if len(rest) > 0 {
		// The component's handler owns rest now, and may change it.
		kept = append(slices.Clip(kept), slices.Clone(rest))
	}
	if target == nil {
		return &router{reg: h.reg, log: h.log, h: h.h.WithAttrs(rest), attrs: kept}
	}
	nh := target.Slog().Handler()
	for _, as := range kept {
		nh = nh.WithAttrs(as)
	}
	return &router{reg: h.reg, log: target, h: nh, attrs: kept}
}

// route returns the component a routes to, or nil if it is not a routing
// attribute.
func (h *router) route(a slog.Attr) *component.Logger {
	if a.Key != ComponentKey {
		return nil
	}
	v := a.Value.Resolve()
	if v.Kind() != slog.KindString || component.CheckName(v.String()) != nil {
		return nil
	}
	return h.reg.Component(v.String())
}

func (h *router) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	return &router{reg: h.reg, log: h.log, h: h.h.WithGroup(name), grouped: true}
}
