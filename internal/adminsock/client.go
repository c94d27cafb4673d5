package adminsock

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// URL is the URL the command requests through a socket's [Client]: the
// host is a name the admin handler's Host check accepts, and the path is
// the one a program usually mounts the handler on.
const URL = "http://localhost/debug/scopelog"

// A Proc is a process that serves a socket.
type Proc struct {
	PID    int
	Socket string
}

// Find returns the processes that serve a socket in the directories where
// this user's processes put them (all users' for root), sorted by pid.
// Sockets that nothing listens on are skipped. A directory that is there
// but fails the checks Listen makes of it (owned by this user, root
// excepted, and mode 0700) is skipped too, with an error in problems.
func Find() (procs []Proc, problems []error) {
	uid := os.Geteuid()
	if uid == 0 {
		uid = -1 // root reads every user's
	}
	for _, dir := range searchDirs() {
		entries, err := os.ReadDir(dir)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err == nil {
			err = checkOwnDir(dir, uid)
		}
		if err != nil {
			problems = append(problems, err)
			continue
		}
		for _, e := range entries {
			pid := pidOf(e.Name())
			path := filepath.Join(dir, e.Name())
			if pid == 0 || e.Type() != fs.ModeSocket || probe(path) != nil {
				continue
			}
			if !slices.ContainsFunc(procs, func(p Proc) bool { return p.PID == pid }) {
				procs = append(procs, Proc{PID: pid, Socket: path})
			}
		}
	}
	slices.SortFunc(procs, func(a, b Proc) int { return a.PID - b.PID })
	return procs, problems
}

// Socket returns the socket of process pid, searched for as Find does.
func Socket(pid int) (string, error) {
	procs, problems := Find()
	for _, p := range procs {
		if p.PID == pid {
			return p.Socket, nil
		}
	}
	msg := fmt.Sprintf("process %d serves no admin socket", pid)
	switch {
	case !Supported:
		return "", fmt.Errorf("%s: %w", msg, ErrUnsupported)
	case gone(pid):
		return "", fmt.Errorf("%s: there is no such process", msg)
	case len(problems) > 0:
		return "", fmt.Errorf("%s that this user may reach (%w); it may not use scopelog.Open, or run as another user", msg, errors.Join(problems...))
	}
	return "", fmt.Errorf("%s that this user may reach: it may not use scopelog.Open, or run as another user (root can reach all)", msg)
}

// Client returns an http.Client that sends every request, whatever its URL,
// to the socket at path, and gives up on a request after timeout.
func Client(path string, timeout time.Duration) *http.Client {
	var d net.Dialer
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
				return d.DialContext(ctx, "unix", path)
			},
			DisableKeepAlives: true,
		},
	}
}
