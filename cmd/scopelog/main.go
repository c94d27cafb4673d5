package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/scopelog/scopelog/internal/rulevalue"
	"github.com/scopelog/scopelog/internal/termsafe"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage: scopelog <command> [flags] [arguments]

Commands:
  check   validate components files, offline
  list    show a running process's components, levels and overrides
  set     turn a component's logs on, in a file or in a running process
  unset   remove what set did
  flush   make a running process write out its recorded entries
  grant   print a signed debug header, for the requests of one curl

A running process is named by -url, or by $SCOPELOG_URL when neither -url
nor -file is given; or else reached through its admin socket (scopelog.Open):
the one -pid names, or the only one. Run "scopelog <command> -h" for a
command's flags.
`

// Exit codes, as the go command and promtool use them.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// env is what a command may use besides its arguments; tests give their
// own.
type env struct {
	stdout, stderr io.Writer
	now            func() time.Time
	client         *http.Client
	getenv         func(string) string
}

// run is the command, testable without a process: it returns the exit
// code.
func run(args []string, stdout, stderr io.Writer) int {
	e := &env{
		stdout: stdout,
		stderr: stderr,
		now:    time.Now,
		client: &http.Client{Timeout: 30 * time.Second},
		getenv: os.Getenv,
	}
	return e.run(args)
}

func (e *env) run(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return exitUsage
	}
	commands := map[string]func([]string) error{
		"check": e.check,
		"list":  e.list,
		"set":   e.set,
		"unset": e.unset,
		"flush": e.flush,
		"grant": e.grant,
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(e.stdout, usage)
		return exitOK
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(e.stderr, "scopelog: unknown command %q\n\n%s", name, usage)
		return exitUsage
	}
	err := cmd(args[1:])
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		if ue.msg != "" {
			fmt.Fprintf(e.stderr, "scopelog %s: %s\n", name, termsafe.Escape(ue.msg))
		}
		if ue.brief {
			fmt.Fprintf(e.stderr, "(scopelog %s -h for its usage)\n", name)
			return exitUsage
		}
		ue.fs.SetOutput(e.stderr)
		ue.fs.Usage()
		return exitUsage
	case errors.Is(err, errReported):
		return exitFailure
	default:
		fmt.Fprintf(e.stderr, "scopelog %s: %s\n", name, termsafe.Escape(err.Error()))
		return exitFailure
	}
}

// usageError is a command line that makes no sense; the command's usage
// follows its message.
type usageError struct {
	fs  *flag.FlagSet
	msg string // "" when the flag package has printed it
	// brief leaves the usage out, for a message whose own lines (such as
	// a table of processes) the usage would bury.
	brief bool
}

func (e *usageError) Error() string { return e.msg }

func usagef(fs *flag.FlagSet, format string, args ...any) error {
	return &usageError{fs: fs, msg: fmt.Sprintf(format, args...)}
}

// errReported means a failure whose reasons are already on stderr.
var errReported = errors.New("failed")

// quote quotes input from outside for a message: escaped, within bounds.
func quote(s string) string { return rulevalue.Quote(s) }

// newFlagSet returns a flag set that reports errors instead of exiting, and
// prints the command's usage on -h.
func (e *env) newFlagSet(name, synopsis, about string) *flag.FlagSet {
	fs := flag.NewFlagSet("scopelog "+name, flag.ContinueOnError)
	fs.SetOutput(e.stdout) // -h prints here; usage errors switch to stderr
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: scopelog %s %s\n\n%s\n\nFlags:\n", name, synopsis, about)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags and arguments in any order, as in
// "scopelog set saas.client -for 15m", and returns the arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	// Errors go to stderr, through the usage error's handler.
	out := fs.Output()
	fs.SetOutput(io.Discard)
	defer fs.SetOutput(out)
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(out)
				fs.Usage()
				return nil, err
			}
			return nil, &usageError{fs: fs, msg: err.Error()}
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
