package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/scopelog/scopelog/component"
)

func clockMessages(entries []observer.LoggedEntry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = fmt.Sprintf("%s %v", e.Message, e.ContextMap()["i"])
	}
	return out
}

func wantIterations(from, to int) []string {
	var want []string
	for i := from; i <= to; i++ {
		want = append(want, fmt.Sprintf("in for loop %d", i), fmt.Sprintf("end of the loop %d", i))
	}
	return want
}

func TestClockDebug(t *testing.T) {
	log, logs := observed("clock", zapcore.DebugLevel)
	rec := httptest.NewRecorder()
	clockHandler(log, time.Millisecond).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	if _, err := time.Parse(time.RFC3339, strings.TrimSpace(rec.Body.String())); err != nil {
		t.Errorf("body %q is not the time: %v", rec.Body, err)
	}
	if got, want := clockMessages(logs.All()), wantIterations(0, 9); !slices.Equal(got, want) {
		t.Errorf("lines:\n got %q\nwant %q", got, want)
	}
}

func TestClockQuietAtInfo(t *testing.T) {
	log, logs := observed("clock", zapcore.InfoLevel)
	rec := httptest.NewRecorder()
	clockHandler(log, 0).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != http.StatusOK || logs.Len() != 0 {
		t.Errorf("status %d, %d lines: %q", rec.Code, logs.Len(), messages(logs.All()))
	}
}

func TestClockCanceled(t *testing.T) {
	log, logs := observed("clock", zapcore.DebugLevel)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec := httptest.NewRecorder()
	clockHandler(log, time.Hour).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil).WithContext(ctx))
	if rec.Body.Len() != 0 {
		t.Errorf("a canceled request got a body: %q", rec.Body)
	}
	if got, want := messages(logs.All()), []string{"in for loop", "request canceled"}; !slices.Equal(got, want) {
		t.Errorf("lines %q, want %q", got, want)
	}
}

// switchingCore turns its level off right after it writes the line that
// ends iteration 2, as a reload would in the middle of a request.
type switchingCore struct {
	zapcore.Core
	level *component.Level
}

func (c switchingCore) Check(e zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	return ce.AddCore(e, c)
}

func (c switchingCore) Write(e zapcore.Entry, fields []zapcore.Field) error {
	err := c.Core.Write(e, fields)
	for _, f := range fields {
		if e.Message == "end of the loop" && f.Key == "i" && f.Integer == 2 {
			c.level.SetLevel(zapcore.InfoLevel)
		}
	}
	return err
}

func TestClockLevelChangeTakesEffectMidRequest(t *testing.T) {
	core, logs := observer.New(zapcore.DebugLevel)
	level := component.NewLevel(zapcore.DebugLevel)
	log := component.New("clock", switchingCore{Core: core, level: level}, level)
	rec := httptest.NewRecorder()
	clockHandler(log, 0).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if got, want := clockMessages(logs.All()), wantIterations(0, 2); !slices.Equal(got, want) {
		t.Errorf("lines:\n got %q\nwant %q", got, want)
	}
	if rec.Code != http.StatusOK {
		t.Errorf("status %d", rec.Code)
	}
}
