package registry

import "github.com/scopelog/scopelog/component"

// safety is what a Registry gives every component besides its level: the
// redaction of secrets and the default limit (limit.go), set by the
// options of options.go.
type safety struct {
	redact     component.RedactConfig
	redactor   *component.Redactor // built by setup from redact
	debugLimit int
}
