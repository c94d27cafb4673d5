package scopehttp

import (
	"expvar"
	"sync/atomic"
)

// stats are the counters of every handler of the process.
var stats struct {
	grants          atomic.Uint64
	ignored         [nReasons]atomic.Uint64
	keyErrors       atomic.Uint64
	recorderRefused atomic.Uint64
	flushes         atomic.Uint64
}

// Var returns an expvar.Var of the counters of every handler of the
// process, to publish beside admin.Var:
//
//	expvar.Publish("scopehttp", scopehttp.Var())
//
// Its JSON, computed afresh each time it is read, is
//
//	{"grants":2,"ignored":{"bad_signature":1,"expired":0,"malformed":3,
//	 "no_key":0,"too_far_ahead":0,"too_long":0},"key_errors":0,
//	 "recorder_refused":0,"recorder_flushes":1}
//
// where grants counts the requests a debug header granted, ignored the
// headers ignored by reason, key_errors the key files refused by
// NewHandler, recorder_refused the requests that found the recorder
// budget spent, and recorder_flushes the requests whose recorded entries
// were written.
func Var() expvar.Var {
	return expvar.Func(func() any {
		ignored := make(map[string]uint64, nReasons-1)
		for r := noKey; r < nReasons; r++ {
			ignored[r.String()] = stats.ignored[r].Load()
		}
		return struct {
			Grants          uint64            `json:"grants"`
			Ignored         map[string]uint64 `json:"ignored"`
			KeyErrors       uint64            `json:"key_errors"`
			RecorderRefused uint64            `json:"recorder_refused"`
			Flushes         uint64            `json:"recorder_flushes"`
		}{stats.grants.Load(), ignored, stats.keyErrors.Load(), stats.recorderRefused.Load(), stats.flushes.Load()}
	})
}
