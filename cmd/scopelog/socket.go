package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"text/tabwriter"

	"github.com/scopelog/scopelog/internal/adminsock"
	"github.com/scopelog/scopelog/internal/termsafe"
)

// maxProgram bounds what the command prints of a program's name, which the
// process itself reports.
const maxProgram = 64

// socketTarget is the target of a command given neither -file nor -url: the
// admin socket of the process that -pid or -pidfile names, or of the only
// process of this user's (every user's, for root) that serves one. With
// several, it lists them on stderr and asks for -pid.
func (e *env) socketTarget(fs *flag.FlagSet, w where) (target, error) {
	if w.pid != 0 || w.pidfile != "" {
		pid := w.pid
		if w.pidfile != "" {
			var err error
			if pid, err = readPidfile(w.pidfile); err != nil {
				return target{}, fmt.Errorf("nothing changed: %w", err)
			}
		}
		path, err := adminsock.Socket(pid)
		if err != nil {
			return target{}, err
		}
		return e.viaSocket(path), nil
	}
	procs, problems := adminsock.Find()
	switch len(procs) {
	case 1:
		return e.viaSocket(procs[0].Socket), nil
	case 0:
		files := ""
		if fs.Lookup("file") != nil {
			files = " -file (file mode),"
		}
		return target{}, usagef(fs, "give%s -url (HTTP mode) or -pid, or set $%s: %s", files, envURL, none(problems))
	}
	fmt.Fprintf(e.stderr, "scopelog: %d processes serve an admin socket; name one with -pid:\n", len(procs))
	e.printProcs(e.stderr, procs)
	return target{}, &usageError{fs: fs, msg: fmt.Sprintf("%d processes serve an admin socket: give -pid", len(procs)), brief: true}
}

// none says that no process serves a socket, and why some directories were
// not searched.
func none(problems []error) string {
	msg := "no process of this user serves an admin socket to use by default"
	if os.Geteuid() == 0 {
		msg = "no process serves an admin socket to use by default"
	}
	if len(problems) > 0 {
		msg += " (" + errors.Join(problems...).Error() + ")"
	}
	return msg
}

// viaSocket makes the command's requests go to the socket at path.
func (e *env) viaSocket(path string) target {
	e.client = adminsock.Client(path, e.client.Timeout)
	return target{url: adminsock.URL}
}

// listProcs returns, for list with no target, the processes that serve a
// socket; with none, the same usage error as socketTarget's.
func (e *env) listProcs(fs *flag.FlagSet) (procs []adminsock.Proc, err error) {
	procs, problems := adminsock.Find()
	if len(procs) == 0 {
		return nil, usagef(fs, "give -url (HTTP mode) or -pid, or set $%s: %s", envURL, none(problems))
	}
	for _, p := range problems {
		fmt.Fprintf(e.stderr, "scopelog list: %s\n", termsafe.Escape(p.Error()))
	}
	return procs, nil
}

// procRow is what list shows of a process.
type procRow struct {
	pid                   int
	program               string
	components, overrides int
	err                   error
}

// describe asks the process p for its state.
func (e *env) describe(p adminsock.Proc) procRow {
	row := procRow{pid: p.PID, program: "?"}
	req, err := http.NewRequest(http.MethodGet, adminsock.URL, nil)
	if err != nil {
		row.err = err
		return row
	}
	req.Header.Set("Accept", "application/json")
	resp, err := adminsock.Client(p.Socket, e.client.Timeout).Do(req)
	if err != nil {
		row.err = err
		return row
	}
	defer resp.Body.Close()
	if name := resp.Header.Get(adminsock.ProgramHeader); name != "" {
		if n, err := url.PathUnescape(name); err == nil {
			name = n
		}
		row.program = termsafe.Clip(termsafe.Escape(name), maxProgram)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse+1))
	switch {
	case err != nil:
		row.err = err
	case resp.StatusCode != http.StatusOK:
		var refusal struct{ Error string }
		json.Unmarshal(b, &refusal)
		row.err = fmt.Errorf("%s: %s", resp.Status, shown([]byte(refusal.Error)))
	default:
		s, err := decodeState("the process's answer", b)
		row.components, row.overrides, row.err = len(s.Components), len(s.Overrides), err
	}
	return row
}

// printProcs prints a line for each process: its pid, program, and how
// many components and overrides it has.
func (e *env) printProcs(w io.Writer, procs []adminsock.Proc) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PID\tPROGRAM\tCOMPONENTS\tOVERRIDES")
	for _, p := range procs {
		r := e.describe(p)
		if r.err != nil {
			fmt.Fprintf(tw, "%d\t%s\t-\t-\t%s\n", r.pid, r.program, termsafe.Clip(termsafe.Escape(r.err.Error()), maxShown))
			continue
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", r.pid, r.program, strconv.Itoa(r.components), strconv.Itoa(r.overrides))
	}
	return tw.Flush()
}
