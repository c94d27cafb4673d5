package component

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"hash/maphash"
	"strings"
	"sync"
	"sync/atomic"
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
//
// Those two compressions still cost more than the rest of a log call, and
// programs log the same secret again and again: the session token of
// every request, the header that carries it. So the last fingerprints are
// kept, by a 64-bit hash of their value under a seed of their own; the
// value itself is not kept, and a heap dump shows of a secret no more than
// the log does (a fingerprint, and a key to test guesses against).
type fingerprinter struct {
	pool  sync.Pool // of *keyedHMAC
	seed  maphash.Seed
	cache [fingerprintCache]atomic.Pointer[cachedFingerprint]
}

// fingerprintCache is the number of fingerprints kept.
const fingerprintCache = 256

type cachedFingerprint struct {
	hash uint64
	fp   string
}

type keyedHMAC struct {
	h   hash.Hash
	sum [sha256.Size]byte
}

// fingerprintLen is the length of a fingerprint, "[redacted a1b2c3d4]".
const fingerprintLen = len("[redacted ") + 8 + len("]")

func newFingerprinter(key []byte) *fingerprinter {
	key = append([]byte(nil), key...)
	f := &fingerprinter{seed: maphash.MakeSeed()}
	f.pool.New = func() any { return &keyedHMAC{h: hmac.New(sha256.New, key)} }
	return f
}

// of returns the fingerprint of s.
func (f *fingerprinter) of(s string) string {
	h := maphash.String(f.seed, s)
	slot := &f.cache[h%fingerprintCache]
	if c := slot.Load(); c != nil && c.hash == h {
		return c.fp
	}
	fp := f.compute(s)
	slot.Store(&cachedFingerprint{hash: h, fp: fp})
	return fp
}

// compute computes the fingerprint of s.
func (f *fingerprinter) compute(s string) string {
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
