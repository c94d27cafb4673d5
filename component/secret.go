package component

import (
	"log/slog"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// secretMarker marks the fields made by Secret, whose value is in their
// String. A pointer to a static value, it costs no allocation to put in a
// field's Interface, where a boxed string would; it is not of zero size,
// which would share its address with every other zero-size value.
type secretMarker struct{ _ byte }

var secretMark = new(secretMarker)

// Secret returns a field whose value is secret whatever its key: a
// component writes its fingerprint, "[redacted a1b2c3d4]", as it does for
// the values of secret keys. Use it for a credential under a key that says
// nothing, such as zap form fields named after what the value is for:
//
//	l.Debug("retrying", component.Secret("upstream", apiKey))
//
// The field is a zap field of type zapcore.SkipType, which any zap core
// skips: given to a logger that is not a component's, it writes nothing,
// never the value. Building it costs no allocation, so it is fine on a
// disabled call's path. It is a field of a call (or of With); inside an
// object's MarshalLogObject, where no field survives as a field, name the
// value with a secret key instead.
func Secret(key, value string) zap.Field {
	return zap.Field{Key: key, Type: zapcore.SkipType, String: value, Interface: secretMark}
}

// secretValue is the slog.LogValuer made by SecretValue.
type secretValue string

// SecretValue returns a slog value that is secret whatever its key: a
// component's slog front end writes its fingerprint, as it does for the
// values of secret keys.
//
//	l.Slog().Debug("retrying", "upstream", component.SecretValue(apiKey))
//
// It is a slog.LogValuer: a slog handler that is not a component's
// resolves it to "[redacted]", never the value.
func SecretValue(v string) slog.Value {
	return slog.AnyValue(secretValue(v))
}

// LogValue implements slog.LogValuer, for handlers that are not a
// component's.
func (secretValue) LogValue() slog.Value {
	return slog.StringValue("[redacted]")
}

// Secret adds a string field whose value is secret whatever its key, as
// [Secret] makes one.
func (e *Event) Secret(key, val string) *Event {
	if e != nil {
		e.addSecret(key, val)
	}
	return e
}

//go:noinline
func (e *Event) addSecret(key, val string) { e.add(Secret(key, val)) }
