package bench_test

import (
	"io"
	"log/slog"
	"sync"
	"time"

	logging "github.com/ipfs/go-log/v2"
	plog "github.com/phuslu/log"
	"github.com/rs/zerolog"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/registry"
)

// name is the component every library logs as, so that every entry carries
// the same logger name and the JSON lines are alike.
const name = "db"

// The values of the two fields. Package variables, so the compiler cannot
// fold them into constants the way it could with literals at the call site.
var (
	rows  = 42
	query = "select * from users where id = $1"
)

// jsonCore is the core every zap-based library writes through: zap's
// production JSON encoder into w, at lvl.
func jsonCore(w io.Writer, lvl zapcore.LevelEnabler) zapcore.Core {
	return zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()), zapcore.AddSync(w), lvl)
}

// The five fields of context for the AccumulatedContext scenario, in each
// library's idiom.
func contextFields() []zap.Field {
	return []zap.Field{
		zap.String("request", "4f1c2a"), zap.Int("attempt", 1), zap.String("user", "alice"),
		zap.Bool("tls", true), zap.Duration("timeout", time.Second),
	}
}

func contextAttrs() []any {
	return []any{
		slog.String("request", "4f1c2a"), slog.Int("attempt", 1), slog.String("user", "alice"),
		slog.Bool("tls", true), slog.Duration("timeout", time.Second),
	}
}

func contextKeysAndValues() []any {
	return []any{"request", "4f1c2a", "attempt", 1, "user", "alice", "tls", true, "timeout", time.Second}
}

// newScopelog returns the component "db" of a registry writing to w. No
// rule covers it, so it is at the registry's default level, Info; the
// registry's core itself is at Debug so that rules could enable debug.
func newScopelog(w io.Writer) *component.Logger {
	return registry.New(registry.WithCore(jsonCore(w, zapcore.DebugLevel))).Component(name)
}

// newZap returns a zap.Logger whose core has a fixed level, Info.
func newZap(w io.Writer) *zap.Logger {
	return zap.New(jsonCore(w, zapcore.InfoLevel)).Named(name)
}

// newZapAtomic returns a zap.Logger whose core's level is a zap.AtomicLevel
// at Info, zap's own way to change a level at run time.
func newZapAtomic(w io.Writer) *zap.Logger {
	return zap.New(jsonCore(w, zap.NewAtomicLevelAt(zapcore.InfoLevel))).Named(name)
}

// newSlog returns a slog.Logger over slog's JSON handler whose level is a
// slog.LevelVar at Info. The logger name is an attribute, preformatted by
// the handler, as a slog user would name a component.
func newSlog(w io.Writer) *slog.Logger {
	lv := new(slog.LevelVar)
	lv.Set(slog.LevelInfo)
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: lv})).With(slog.String("logger", name))
}

var goLogSetup sync.Once

// newGoLog returns go-log's logger of the subsystem "db", at Info, writing
// JSON to w.
//
// go-log keeps one process-wide core that every subsystem logger writes to,
// and a zap.AtomicLevel per subsystem. SetupLogging selects its JSON format
// with no output path (zap.Open of no path writes nowhere); SetPrimaryCore
// then swaps the core for the same JSON core the other zap-based libraries
// use, writing to w, so that the encoder is not what differs. Everything else
// is go-log's own: its lock-guarded multi-core, its per-subsystem
// zap.IncreaseLevel, its sugared API and the caller annotation it always
// adds.
func newGoLog(w io.Writer) *logging.ZapEventLogger {
	goLogSetup.Do(func() {
		logging.SetupLogging(logging.Config{Format: logging.JSONOutput, Level: logging.LevelInfo})
	})
	logging.SetPrimaryCore(jsonCore(w, zapcore.DebugLevel))
	if err := logging.SetLogLevel(name, "info"); err != nil {
		panic(err)
	}
	return logging.Logger(name)
}

var zerologSetup, phusluSetup sync.Once

// newZerolog returns a zerolog.Logger at Info writing JSON to w, with the
// logger name as a context field and the time, as the zap-based libraries
// write them. zerolog's keys are package variables: they are set to zap's
// ("ts", "msg"), and the time is written as Unix milliseconds, the cheapest
// of zerolog's formats that keeps sub-second precision (zap's production
// encoder writes float seconds).
func newZerolog(w io.Writer) zerolog.Logger {
	zerologSetup.Do(func() {
		zerolog.TimestampFieldName = "ts"
		zerolog.MessageFieldName = "msg"
		zerolog.TimeFieldFormat = zerolog.TimeFormatUnixMs
	})
	return zerolog.New(w).Level(zerolog.InfoLevel).With().Timestamp().Str("logger", name).Logger()
}

// zerologContext adds the five fields of the AccumulatedContext scenario.
func zerologContext(l zerolog.Logger) zerolog.Logger {
	return l.With().Str("request", "4f1c2a").Int("attempt", 1).Str("user", "alice").
		Bool("tls", true).Dur("timeout", time.Second).Logger()
}

// newPhuslu returns a phuslu/log Logger at Info writing JSON to w, with the
// logger name as a context field, the time under "ts" as Unix milliseconds
// and the message under "msg" (phuslu's MessageKey is a package variable).
func newPhuslu(w io.Writer, context ...func(*plog.Entry) *plog.Entry) *plog.Logger {
	phusluSetup.Do(func() { plog.MessageKey = "msg" })
	ctx := plog.NewContext(nil).Str("logger", name)
	for _, c := range context {
		ctx = c(ctx)
	}
	return &plog.Logger{
		Level:      plog.InfoLevel,
		TimeField:  "ts",
		TimeFormat: plog.TimeFormatUnixMs,
		Context:    ctx.Value(),
		Writer:     &plog.IOWriter{Writer: w},
	}
}

// phusluContext adds the five fields of the AccumulatedContext scenario.
func phusluContext(e *plog.Entry) *plog.Entry {
	return e.Str("request", "4f1c2a").Int("attempt", 1).Str("user", "alice").
		Bool("tls", true).Dur("timeout", time.Second)
}
