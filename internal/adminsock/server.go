package adminsock

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// ProgramHeader is the response header in which a server names its
// program, for the command's list of processes, percent-encoded (as
// url.PathEscape does): a file name may hold any byte but '/' and NUL.
const ProgramHeader = "Scopelog-Program"

// shutdownWait bounds how long Close waits for requests in flight before
// it closes their connections.
const shutdownWait = 5 * time.Second

// A Server serves an http.Handler on a socket of Listen, to the process's
// own user and root only.
type Server struct {
	ln   *net.UnixListener
	srv  *http.Server
	done chan struct{} // closed when Serve has returned
	once sync.Once
	err  error
}

type peerKey struct{}

// peer is what the kernel says of a connection's client.
type peer struct {
	uid int
	err error
}

// Serve serves h on ln, from a goroutine of its own, until Close. Requests
// whose client is neither this process's effective user nor root get 403,
// as does any whose credentials cannot be read. errorLog receives the
// server's own errors (nil: the log package's standard logger).
func Serve(ln *net.UnixListener, h http.Handler, errorLog *log.Logger) *Server {
	s := &Server{ln: ln, done: make(chan struct{})}
	s.srv = &http.Server{
		Handler:           guard(h, os.Geteuid(), program()),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          errorLog,
		ConnContext: func(ctx context.Context, c net.Conn) context.Context {
			p := peer{uid: -1, err: errors.New("not a Unix domain socket")}
			if uc, ok := c.(*net.UnixConn); ok {
				p.uid, p.err = peerUID(uc)
			}
			return context.WithValue(ctx, peerKey{}, p)
		},
	}
	go func() {
		defer close(s.done)
		s.srv.Serve(ln) // always an error, ErrServerClosed after Close
	}()
	return s
}

// Path returns the path of the socket.
func (s *Server) Path() string { return s.ln.Addr().String() }

// Close stops the server: it stops listening, removes the socket, lets the
// requests in flight finish (for at most 5 s, then closes their
// connections), and returns once the serving goroutine has. It may be
// called more than once; every call returns the first's result.
func (s *Server) Close() error {
	s.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), shutdownWait)
		defer cancel()
		if err := s.srv.Shutdown(ctx); err != nil {
			s.err = fmt.Errorf("admin socket %s: %w", s.Path(), err)
			s.srv.Close()
		}
		<-s.done
		// Closing the listener removes the socket; Shutdown has, unless Serve
		// never got to it.
		s.ln.Close()
	})
	return s.err
}

// guard serves h to uid and root only, and names the program. h sees the
// client's user as the request's RemoteAddr, "socket uid 1000 (alice)".
func guard(h http.Handler, uid int, program string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, _ := r.Context().Value(peerKey{}).(peer)
		var refused error
		switch {
		case p.err != nil:
			refused = fmt.Errorf("who connected is unknown: %v", p.err)
		case p.uid != uid && p.uid != 0:
			refused = fmt.Errorf("user %s refused: only this process's user, %s, and root are served", userName(p.uid), userName(uid))
		}
		if refused != nil {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			json.NewEncoder(w).Encode(map[string]string{"error": refused.Error()})
			return
		}
		w.Header().Set(ProgramHeader, url.PathEscape(program))
		// A Unix socket's client has no address ("@" or ""): name it by
		// what the kernel said, so that the handler's record of who asked
		// (an override's "by") says something.
		r = r.WithContext(r.Context())
		r.RemoteAddr = "socket " + userName(p.uid)
		h.ServeHTTP(w, r)
	})
}

// program returns the name of this program, as the command lists it.
func program() string {
	if exe, err := os.Executable(); err == nil {
		return filepath.Base(exe)
	}
	return filepath.Base(os.Args[0])
}
