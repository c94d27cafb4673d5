package component

import (
	"fmt"
	"strings"
	"sync"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// RedactConfig configures a [Redactor]. The zero RedactConfig redacts the
// values of [DefaultRedactKeys], fingerprinted under a key drawn at random
// once per process.
type RedactConfig struct {
	// Keys are redacted besides the defaults: whole keys, in any case.
	Keys []string
	// NoDefaults drops DefaultRedactKeys, leaving Keys alone. It is a risk:
	// a credential logged under one of the usual names is then written as
	// it is.
	NoDefaults bool
	// Key is the HMAC key of the fingerprints, at least MinRedactKeyLen
	// bytes. Give every replica of a fleet the same key and they write the
	// same fingerprint for the same secret; nil means the process's own
	// random key.
	Key []byte
	// Values makes the Redactor look into every string value, whatever its
	// key, for a bearer credential ("Bearer <token>") or a JSON Web Token
	// (three base64url parts, the first "eyJ…"), and fingerprint what it
	// finds: strings and byte strings, in objects, arrays, maps and slog
	// groups too, but not the text of an error or a Stringer, which is
	// made only when the entry is encoded. It costs a scan of every string
	// logged, so it is off unless asked for.
	Values bool
}

// Redactor replaces secret values by fingerprints before an entry is
// encoded or recorded: the values of secret keys, at any depth, and the
// values marked by [Secret] and [SecretValue]. See the package
// documentation, "Redaction".
//
// A Redactor is immutable and safe for concurrent use; components share
// one through [Level.SetRedactor].
type Redactor struct {
	keys   *keySet
	fp     *fingerprinter
	values bool
	// nested says whether objects, arrays and maps must be looked into:
	// there is a key to find at depth, or values to scan.
	nested bool
	// hook redacts the fields of an entry whose fields the component did
	// not see before its Check: those of Logger.Zap, Logger.Sugar and
	// Logger.Check.
	hook zapcore.CheckPreWriteHook
	// alone is the policy of the Levels that have this Redactor and no
	// limit, shared by them.
	alone *policy
}

// NewRedactor returns a Redactor configured by c. It panics if c.Key is
// given and shorter than MinRedactKeyLen: a key is fixed in code or
// configuration, so a short one is a programming error.
func NewRedactor(c RedactConfig) *Redactor {
	keys := c.Keys
	if !c.NoDefaults {
		keys = append(DefaultRedactKeys(), keys...)
	}
	key := c.Key
	if key == nil {
		key = processKey()
	} else if len(key) < MinRedactKeyLen {
		panic(fmt.Sprintf("component: a redaction key of %d bytes: want at least %d, such as 32 random bytes", len(key), MinRedactKeyLen))
	}
	r := &Redactor{keys: newKeySet(keys), fp: newFingerprinter(key), values: c.Values}
	r.nested = !r.keys.empty() || r.values
	r.alone = &policy{red: r}
	r.hook = func(ent zapcore.Entry, fs []zapcore.Field) (zapcore.Entry, []zapcore.Field) {
		return ent, r.copyFields(fs)
	}
	return r
}

// defaultRedactor is the Redactor of a Level that was given none.
var defaultRedactor = sync.OnceValue(func() *Redactor { return NewRedactor(RedactConfig{}) })

// SetRedactor makes the loggers of the components that share lv redact
// with r; nil means the default, NewRedactor(RedactConfig{}). Set it before
// the Level's loggers are built: the fields given to With, and to zap.Fields
// among New's options, are redacted when they are given.
func (lv *Level) SetRedactor(r *Redactor) {
	if p := lv.pol.Load(); p != nil && p.red == r {
		return
	}
	lv.setPolicy(func(p *policy) { p.red = r })
}

// redactor returns the Redactor of lv.
func (lv *Level) redactor() *Redactor {
	if p := lv.pol.Load(); p != nil && p.red != nil {
		return p.red
	}
	return defaultRedactor()
}

// redactorOf returns the Redactor of l, which may be nil.
func redactorOf(l *Logger) *Redactor {
	if l == nil {
		return defaultRedactor()
	}
	return l.level.redactor()
}

// Fingerprint returns the fingerprint r writes in place of the secret s,
// "[redacted a1b2c3d4]", so that a program or a test can find in a log
// where a secret it knows was used, without writing it.
func (r *Redactor) Fingerprint(s string) string {
	return r.fp.of(s)
}

// fields redacts fs in place.
func (r *Redactor) fields(fs []zapcore.Field) {
	r.fieldsFrom(fs, false)
}

// fieldsFrom redacts fs in place; all says that they follow a namespace
// whose key is secret.
func (r *Redactor) fieldsFrom(fs []zapcore.Field, all bool) {
	for i := range fs {
		f := &fs[i]
		if m := r.keys.match(f.Key); all || m != noMatch || r.special(f) {
			if g, ok := r.field(*f, all, m); ok {
				*f = g
			}
		}
		all = all || r.opens(f)
	}
}

// copyFields returns fs redacted: fs itself if nothing in it changes,
// otherwise a copy, since fs may be the caller's.
func (r *Redactor) copyFields(fs []zapcore.Field) []zapcore.Field {
	all := false
	for i := range fs {
		f := &fs[i]
		if m := r.keys.match(f.Key); all || m != noMatch || r.special(f) {
			if g, ok := r.field(*f, all, m); ok {
				out := make([]zapcore.Field, len(fs))
				copy(out, fs)
				out[i] = g
				r.fieldsFrom(out[i+1:], all || r.opens(f))
				return out
			}
		}
		all = all || r.opens(f)
	}
	return fs
}

// special reports whether f may change whatever its key: a Secret, or a
// value the Redactor looks into. It is asked of every field of an enabled
// call whose key is not secret, so it is a type switch, and takes f by
// pointer, a field being eight words.
func (r *Redactor) special(f *zapcore.Field) bool {
	switch f.Type {
	case zapcore.SkipType:
		return f.Interface == any(secretMark)
	case zapcore.ObjectMarshalerType, zapcore.InlineMarshalerType, zapcore.ArrayMarshalerType, zapcore.ReflectType:
		return r.nested
	case zapcore.StringType, zapcore.ByteStringType:
		return r.values
	}
	return false
}

// opens reports whether f is a namespace whose key is secret: the fields
// after it are its value, and secret too.
func (r *Redactor) opens(f *zapcore.Field) bool {
	return f.Type == zapcore.NamespaceType && r.keys.match(f.Key) != noMatch
}

// field returns f redacted, and whether it changed. all says that f is
// part of a secret value, as the fields after a namespace with a secret key
// are; m is what f's key matched.
func (r *Redactor) field(f zapcore.Field, all bool, m match) (zapcore.Field, bool) {
	switch f.Type {
	case zapcore.SkipType:
		if _, ok := f.Interface.(*secretMarker); ok {
			return zap.String(f.Key, r.secretString(f.String, m)), true
		}
		return f, false
	case zapcore.NamespaceType:
		return f, false
	}
	if m == noMatch && all {
		m = secretKey
	}
	if m != noMatch {
		return r.secretField(f, m)
	}
	if !r.nested {
		return f, false
	}
	switch f.Type {
	case zapcore.StringType:
		if r.values {
			if s, ok := r.scan(f.String); ok {
				return zap.String(f.Key, s), true
			}
		}
	case zapcore.ByteStringType:
		if b, ok := f.Interface.([]byte); ok && r.values {
			if s, ok := r.scan(string(b)); ok {
				return zap.String(f.Key, s), true
			}
		}
	case zapcore.ObjectMarshalerType, zapcore.InlineMarshalerType:
		if m, ok := f.Interface.(zapcore.ObjectMarshaler); ok {
			if _, done := m.(redactObject); !done {
				f.Interface = redactObject{m: m, r: r}
				return f, true
			}
		}
	case zapcore.ArrayMarshalerType:
		if m, ok := f.Interface.(zapcore.ArrayMarshaler); ok {
			if _, done := m.(redactArray); !done {
				f.Interface = redactArray{m: m, r: r}
				return f, true
			}
		}
	case zapcore.ReflectType:
		if v, ok := r.reflected(f.Interface, false); ok {
			return zap.Reflect(f.Key, v), true
		}
	}
	return f, false
}

// secretField returns f, whose value is secret, with its value redacted:
// a string or a scalar becomes its fingerprint; an object, an array or a
// map keeps its shape and keys, every value in it fingerprinted.
func (r *Redactor) secretField(f zapcore.Field, m match) (zapcore.Field, bool) {
	switch f.Type {
	case zapcore.StringType:
		if isRedacted(f.String) {
			return f, false
		}
		return zap.String(f.Key, r.secretString(f.String, m)), true
	case zapcore.ObjectMarshalerType, zapcore.InlineMarshalerType:
		if o, ok := f.Interface.(zapcore.ObjectMarshaler); ok {
			if ro, done := o.(redactObject); !done || !ro.all {
				f.Interface = redactObject{m: o, r: r, all: true}
				return f, true
			}
			return f, false
		}
	case zapcore.ArrayMarshalerType:
		if a, ok := f.Interface.(zapcore.ArrayMarshaler); ok {
			if ra, done := a.(redactArray); !done || !ra.all {
				f.Interface = redactArray{m: a, r: r, all: true}
				return f, true
			}
			return f, false
		}
	case zapcore.ReflectType:
		v, _ := r.reflected(f.Interface, true)
		return zap.Reflect(f.Key, v), true
	case zapcore.SkipType:
		return f, false
	}
	return zap.String(f.Key, r.secretString(fieldText(f), m)), true
}

// secretString returns the redacted form of the secret s: its
// fingerprint, or, for an HTTP credential, its scheme and the fingerprint
// of the rest. An empty value stays empty: it hides nothing, and an empty
// credential is a common fault worth seeing.
func (r *Redactor) secretString(s string, m match) string {
	if s == "" {
		return s
	}
	if m == authHeader {
		if scheme, cred, ok := strings.Cut(s, " "); ok && isToken(scheme) {
			if cred == "" {
				return s
			}
			return scheme + " " + r.fp.of(cred)
		}
	}
	return r.fp.of(s)
}

// isRedacted reports whether s is a fingerprint already, alone or after an
// HTTP scheme, or empty: what redacting it again would not change.
func isRedacted(s string) bool {
	if s == "" {
		return true
	}
	n := len(s) - fingerprintLen
	if n < 0 || s[len(s)-1] != ']' {
		return false // the common case, told by two bytes
	}
	return isFingerprint(s[n:]) && (n == 0 || s[n-1] == ' ')
}

// isToken reports whether s is an HTTP token (RFC 9110), as an
// authentication scheme is.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}
