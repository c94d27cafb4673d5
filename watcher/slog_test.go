package watcher

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"go.uber.org/zap"
)

// The default logger follows slog.Default() as it is at each entry, so a
// program that sets its slog handler after Watch still gets the entries,
// with the context given to With and the types of the fields.
func TestDefaultLoggerFollowsSlogDefault(t *testing.T) {
	old := slog.Default()
	defer slog.SetDefault(old)

	var first, second bytes.Buffer
	slog.SetDefault(slog.New(slog.NewTextHandler(&first, nil)))
	log := defaultLogger().With(zap.String("path", "/etc/app/components"))
	log.Warn("one", zap.Error(errors.New("boom")))
	slog.SetDefault(slog.New(slog.NewTextHandler(&second, nil)))
	log.Warn("two", zap.Duration("interval", 1500000000))
	log.Debug("below the default handler's level")

	if got, want := first.String(), `level=WARN msg=one path=/etc/app/components error=boom`; !strings.Contains(got, want) {
		t.Errorf("first handler got %q, want a line with %q", got, want)
	}
	if got, want := second.String(), `level=WARN msg=two path=/etc/app/components interval=1.5s`; !strings.Contains(got, want) {
		t.Errorf("second handler got %q, want a line with %q", got, want)
	}
	if strings.Contains(first.String(), "two") || strings.Contains(second.String(), "DEBUG") {
		t.Errorf("entries went to the wrong handler or below its level:\n%s\n%s", &first, &second)
	}
}
