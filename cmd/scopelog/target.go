package main

import (
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/scopelog/scopelog/internal/termsafe"
)

// envURL names the environment variable that is the default of -url.
const envURL = "SCOPELOG_URL"

// where holds the flags that name what a command acts on.
type where struct {
	file, url string
	pid       int
	pidfile   string
	signal    string
	trusted   string
}

// flags defines the flags of the target: -url, -pid and -pidfile always,
// and with files the flags of file mode.
func (w *where) flags(fs *flag.FlagSet, files bool) {
	fs.StringVar(&w.url, "url", "", "HTTP mode: the process's admin handler, such as http://127.0.0.1:8000/debug/scopelog (default $"+envURL+")")
	pid, pidfile := "the process, through its admin socket (scopelog.Open)", "the process whose id this file holds, through its admin socket"
	if files {
		pid, pidfile = pid+"; in file mode, the process to signal after the edit", pidfile+"; in file mode, the process to signal"
	}
	fs.IntVar(&w.pid, "pid", 0, pid)
	fs.StringVar(&w.pidfile, "pidfile", "", pidfile)
	if !files {
		return
	}
	fs.StringVar(&w.file, "file", "", "file mode: edit this components file")
	fs.StringVar(&w.signal, "signal", "USR1", "file mode: the process's reload signal: USR1, USR2 or HUP")
	fs.StringVar(&w.trusted, "trusted-owners", "", "file mode: comma-separated uids that may own the file besides root and you: the process's user, when you edit as another")
}

// target is what a command acts on: a running process's admin handler, or
// a components file and the process to signal after editing it.
type target struct {
	url string // HTTP mode: the handler's URL, or socketURL through a socket

	file    string    // file mode
	trusted []int     // the owners the file may have besides root and us
	pid     int       // the process to signal after the edit, 0 for none
	signal  os.Signal // its reload signal
}

// resolve turns the flags and the environment into the target, or the
// reason there is none. It is the one place that decides what a command acts
// on, and it reads what it needs (the pidfile) before anything changes.
//
// Without -file, -url or $SCOPELOG_URL, the target is the admin socket of a
// process of this user's (scopelog.Open): the one -pid or -pidfile names,
// or the only one there is.
func (e *env) resolve(fs *flag.FlagSet, w where) (target, error) {
	byPid := w.pid != 0 || w.pidfile != ""
	if w.url == "" && w.file == "" && !byPid {
		w.url = e.getenv(envURL)
	}
	switch {
	case w.file != "" && w.url != "":
		return target{}, usagef(fs, "-file and -url: give one")
	case w.pid != 0 && w.pidfile != "":
		return target{}, usagef(fs, "-pid and -pidfile: give one")
	case w.url != "" && byPid:
		return target{}, usagef(fs, "-url and -pid (or -pidfile): give one; -pid reaches the process through its admin socket")
	case w.url != "" && w.trusted != "":
		return target{}, usagef(fs, "-trusted-owners is for file mode: an admin handler applies a change at once")
	case w.pid < 0:
		return target{}, usagef(fs, "-pid %d: expected a process id", w.pid)
	}
	if w.url != "" {
		if err := checkURL(w.url); err != nil {
			return target{}, usagef(fs, "-url %v", err)
		}
		return target{url: w.url}, nil
	}
	if w.file == "" {
		return e.socketTarget(fs, w)
	}
	t := target{file: w.file, pid: w.pid}
	var err error
	if t.trusted, err = uids(w.trusted); err != nil {
		return target{}, usagef(fs, "-trusted-owners: %v", err)
	}
	if t.signal, err = signalByName(w.signal); err != nil {
		return target{}, usagef(fs, "-signal %v", err)
	}
	if w.pidfile != "" {
		if t.pid, err = readPidfile(w.pidfile); err != nil {
			return target{}, fmt.Errorf("nothing changed: %w", err)
		}
	}
	return t, nil
}

// checkURL refuses what cannot be an admin handler's URL, before any
// request.
func checkURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("%s: expected an http:// or https:// URL, such as http://127.0.0.1:8000/debug/scopelog", quote(s))
	}
	return nil
}

// uids parses a comma-separated list of uids.
func uids(s string) ([]int, error) {
	var out []int
	for u := range strings.SplitSeq(s, ",") {
		if u = strings.TrimSpace(u); u == "" {
			continue
		}
		uid, err := strconv.Atoi(u)
		if err != nil || uid < 0 {
			return nil, fmt.Errorf("%s is not a uid", quote(u))
		}
		out = append(out, uid)
	}
	return out, nil
}

// maxPidfile bounds what the command reads of a pidfile: a process id is a
// few digits, and anything longer is not one.
const maxPidfile = 64

// readPidfile returns the process id that the file at path holds.
func readPidfile(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxPidfile+1))
	if err != nil {
		return 0, err
	}
	if len(b) > maxPidfile {
		return 0, fmt.Errorf("%s: expected a process id, found more than %d bytes", termsafe.Escape(path), maxPidfile)
	}
	s := strings.TrimSpace(string(b))
	pid, err := strconv.Atoi(s)
	if err != nil || pid <= 0 {
		return 0, fmt.Errorf("%s: expected a process id, found %s", termsafe.Escape(path), quote(s))
	}
	return pid, nil
}
