package main

import (
	"fmt"
	"net/http"
	"time"

	"go.uber.org/zap"

	"github.com/scopelog/scopelog/component"
)

// clockIterations is how many times the handler of / loops.
const clockIterations = 10

// clockHandler is the slow handler of /: it loops, logging each iteration
// at Debug and sleeping delay, then writes the current time. A request lasts
// long enough for an operator to turn its component's debug lines on or off
// while it runs, and see the change take effect in the middle of it.
func clockHandler(log *component.Logger, delay time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for i := range clockIterations {
			log.Debug("in for loop", zap.Int("i", i))
			t := time.NewTimer(delay)
			select {
			case <-r.Context().Done():
				t.Stop()
				log.Debug("request canceled", zap.Int("i", i), zap.Error(r.Context().Err()))
				return
			case <-t.C:
			}
			log.Debug("end of the loop", zap.Int("i", i))
		}
		fmt.Fprintln(w, time.Now().Format(time.RFC3339))
	})
}
