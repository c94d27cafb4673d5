package admin

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// local returns an error unless r came from this machine and names it: its
// peer is a loopback address (or a Unix domain socket), and its Host header
// is a loopback address or "localhost". The Host check defeats DNS
// rebinding, where a web page gets the operator's browser to send requests
// to 127.0.0.1 under the page's own domain name.
func local(r *http.Request) error {
	if !loopbackPeer(r) {
		return fmt.Errorf("request from %s refused: only loopback clients are served (admin.AllowRemote lifts this, behind the program's own authentication)", r.RemoteAddr)
	}
	if !loopbackHost(r.Host) {
		return fmt.Errorf("request for host %q refused: expected localhost or a loopback address (protection against DNS rebinding)", r.Host)
	}
	return nil
}

func loopbackPeer(r *http.Request) bool {
	if addr, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok && addr.Network() == "unix" {
		return true
	}
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	return ap.Addr().Unmap().IsLoopback()
}

// loopbackHost reports whether host, a Host header with or without a port,
// names this machine. An empty Host, which only HTTP/1.0 clients send, names
// nothing a browser could be tricked into: it passes.
func loopbackHost(host string) bool {
	if host == "" {
		return true
	}
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	} else {
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	}
	host = strings.TrimSuffix(host, ".")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}
