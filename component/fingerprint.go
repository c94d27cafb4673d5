package component

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"strings"
	"sync"
	"unsafe"
)

// MinRedactKeyLen is the shortest key [RedactConfig] takes for
// fingerprints: HMAC wants a key as long as the security it gives, and
// FIPS 140 mode refuses keys under 14 bytes.
const MinRedactKeyLen = 16

// processKey is the fingerprints' key when none is given: random, drawn
// once per process, so that fingerprints compare within a process (and
// its log) but not across processes or restarts.
var processKey = sync.OnceValue(func() []byte {
	k := make([]byte, 32)
	rand.Read(k) // never fails: it crashes the program if the system's source does
	return k
})

// fingerprinter computes fingerprints: the first 4 bytes of the HMAC-SHA256
// of a value, in hex, as "[redacted a1b2c3d4]". Equal values have equal
// fingerprints under one key, and a fingerprint says nothing of its value
// to whoever lacks the key.
//
// Keyed HMACs come from a pool: hmac.New costs several allocations and
// two compressions to absorb the key, where a pooled one restores its
// keyed state on Reset, so a fingerprint costs the two compressions of
// the value and of the inner digest.
type fingerprinter struct {
	pool sync.Pool // of *keyedHMAC
}

type keyedHMAC struct {
	h   hash.Hash
	sum [sha256.Size]byte
}

// fingerprintLen is the length of a fingerprint, "[redacted a1b2c3d4]".
const fingerprintLen = len("[redacted ") + 8 + len("]")

func newFingerprinter(key []byte) *fingerprinter {
	key = append([]byte(nil), key...)
	f := new(fingerprinter)
	f.pool.New = func() any { return &keyedHMAC{h: hmac.New(sha256.New, key)} }
	return f
}

// of returns the fingerprint of s.
func (f *fingerprinter) of(s string) string {
	k := f.pool.Get().(*keyedHMAC)
	k.h.Reset()
	// Write only reads its argument: the bytes of s need no copy.
	k.h.Write(unsafe.Slice(unsafe.StringData(s), len(s)))
	sum := k.h.Sum(k.sum[:0])
	var b [fingerprintLen]byte
	copy(b[:], "[redacted ")
	hex.Encode(b[len("[redacted "):], sum[:4])
	b[len(b)-1] = ']'
	f.pool.Put(k)
	return string(b[:])
}

// isFingerprint reports whether s has the form of a fingerprint.
func isFingerprint(s string) bool {
	if len(s) != fingerprintLen || !strings.HasPrefix(s, "[redacted ") || s[len(s)-1] != ']' {
		return false
	}
	for _, c := range []byte(s[len("[redacted ") : len(s)-1]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
