package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog"
	"github.com/scopelog/scopelog/admin"
	"github.com/scopelog/scopelog/component"
	"github.com/scopelog/scopelog/registry"
	"github.com/scopelog/scopelog/scopehttp"
)

type config struct {
	addr       string
	components string
	delay      time.Duration
	signal     string
	watch      bool
	console    bool
	debugKey   string
	recorder   int
}

func main() {
	cfg, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		os.Exit(2) // the flag package has printed the error and the usage
	}
	// After the first SIGINT or SIGTERM, ctx is done and a second SIGINT
	// gets Go's default behaviour, which ends a shutdown that hangs.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	if err := run(ctx, cfg, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "webapp:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string, out io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("webapp", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8000", "address to listen on; port 0 picks a free port")
	fs.StringVar(&cfg.components, "components", "./components", "the components file")
	fs.DurationVar(&cfg.delay, "delay", time.Second, "sleep of each of the 10 iterations of /")
	fs.StringVar(&cfg.signal, "signal", "USR1", "the signal that reloads the components file: USR1, USR2 or HUP")
	fs.BoolVar(&cfg.watch, "watch", true, "also reload when the components file is saved")
	fs.BoolVar(&cfg.console, "console", false, "human-readable logs instead of JSON lines")
	fs.StringVar(&cfg.debugKey, "debug-key", "", "the key file of signed debug headers (scopelog grant -key), shared by the app and its SaaS API")
	fs.IntVar(&cfg.recorder, "recorder", 0, "keep each request's last N debug lines, written if it fails (0: off)")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		err := fmt.Errorf("unexpected argument %q", fs.Arg(0))
		fmt.Fprintln(out, err)
		fs.Usage()
		return cfg, err
	}
	if cfg.recorder < 0 || cfg.recorder > component.MaxRecord {
		err := fmt.Errorf("-recorder %d: expected 0 to %d", cfg.recorder, component.MaxRecord)
		fmt.Fprintln(out, err)
		return cfg, err
	}
	if cfg.delay < 0 {
		err := fmt.Errorf("-delay %v: must not be negative", cfg.delay)
		fmt.Fprintln(out, err)
		return cfg, err
	}
	return cfg, nil
}

// sink returns the registry option of the sink of every component: JSON
// lines, or with console human-readable ones. Both cores are at Debug, so
// that rules can turn debug on, with no sampling, so that no debug line
// that a rule asked for is dropped.
func sink(w io.Writer, console bool) registry.Option {
	if console {
		return registry.WithConsole(w)
	}
	enc := zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig())
	return registry.WithCore(zapcore.NewCore(enc, zapcore.Lock(zapcore.AddSync(w)), zapcore.DebugLevel))
}

// run serves until ctx is done, then shuts down gracefully.
func run(ctx context.Context, cfg config, logs io.Writer) error {
	sig, sigName, sigErr := reloadSignal(cfg.signal)
	if sigErr != nil && !errors.Is(sigErr, errNoSignals) {
		return sigErr
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}

	// The registry, loaded once; the reload signal and the watcher; the
	// admin socket that scopelog list finds.
	var sigs []os.Signal
	if sig != nil {
		sigs = append(sigs, sig)
	}
	opts := []scopelog.Option{scopelog.WithRegistryOptions(sink(logs, cfg.console)), scopelog.WithSignals(sigs...)}
	if !cfg.watch {
		opts = append(opts, scopelog.WithoutWatcher())
	}
	// A bad components file does not fail Open: the registry logs it, and
	// keeps every component at its default.
	setup, err := scopelog.Open(cfg.components, opts...)
	if err != nil {
		ln.Close()
		return err
	}
	defer setup.Close()
	reg := setup.Registry()
	app := reg.Component("webapp")
	httpLog := reg.Component("http")

	// Each request's scope (request, ip), and with -debug-key its signed
	// debug header; the fake SaaS API, another service, has its own
	// handler with the same key. With -recorder, the app's requests
	// record.
	scope := []scopehttp.Option{scopehttp.WithLogger(reg.Component("scopehttp"))}
	if cfg.debugKey != "" {
		scope = append(scope, scopehttp.WithKeyFile(cfg.debugKey))
	}
	appScope := scope
	if cfg.recorder > 0 {
		appScope = append(scope[:len(scope):len(scope)], scopehttp.WithRecorder(cfg.recorder))
	}

	api := newSaaSAPI(reg.Component("saas.api"))
	api.scope = scope
	apiAddr, err := api.Start("127.0.0.1:0")
	if err != nil {
		ln.Close()
		return err
	}
	defer api.Close()
	client := newSaaSClient("http://"+apiAddr, demoClientID, demoClientSecret, reg.Component("saas.client"))
	defer client.Close()

	srv := &http.Server{
		Handler:           scopehttp.NewHandler(routes(httpLog, reg.Component("clock"), cfg.delay, client, api, admin.Handler(reg)), appScope...),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          zap.NewStdLog(httpLog.Zap()),
	}

	app.Info("listening", zap.String("addr", ln.Addr().String()), zap.Int("pid", os.Getpid()))
	announce(app, cfg, sig, sigName, sigErr)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}

	// A request to / takes 10 × delay; let those in flight complete.
	app.Info("shutting down: waiting for requests in flight")
	sctx, cancel := context.WithTimeout(context.Background(), 10*cfg.delay+5*time.Second)
	defer cancel()
	err = srv.Shutdown(sctx)
	<-served
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	app.Info("stopped")
	return nil
}

// announce tells the operator how to turn debug on, with the exact command
// for this process.
func announce(app *component.Logger, cfg config, sig os.Signal, sigName string, sigErr error) {
	file := shellQuote(cfg.components)
	on := "echo saas.client > " + file
	off := ": > " + file
	switch {
	case sig != nil:
		kill := fmt.Sprintf(" && kill -%s %d", sigName, os.Getpid())
		on += kill
		off += kill
	case cfg.watch:
		app.Warn("no reload signal on this system: save the components file and the watcher reloads it",
			zap.NamedError("reason", sigErr))
	default:
		app.Warn("no reload trigger: this system has no reload signal and -watch=false",
			zap.NamedError("reason", sigErr))
		return
	}
	app.Info("to see the debug lines of saas.client, run command; to hide them again, run off",
		zap.Int("pid", os.Getpid()), zap.String("command", on), zap.String("off", off))
}

// shellQuote quotes s for a POSIX shell when it needs quoting.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:@+=,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
