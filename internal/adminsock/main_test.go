//go:build unix

package adminsock

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// The test binary doubles as a helper process, run under another uid by
// the peer tests: as a client (helperClient=socket) it prints the status of
// a GET; as a server (helperServer=socket) it serves until its stdin closes.
const (
	helperClient = "ADMINSOCK_TEST_CLIENT"
	helperServer = "ADMINSOCK_TEST_SERVER"
)

func TestMain(m *testing.M) {
	if path := os.Getenv(helperClient); path != "" {
		os.Exit(runClient(path))
	}
	if path := os.Getenv(helperServer); path != "" {
		os.Exit(runServer(path))
	}
	goleak.VerifyTestMain(m)
}

func runClient(path string) int {
	resp, err := Client(path, 10*time.Second).Get(URL)
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Printf("%d %s", resp.StatusCode, body)
	return 0
}

func runServer(path string) int {
	ln, err := Listen(path)
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	if err := os.Chmod(path, 0o666); err != nil { // so that others may try
		fmt.Println("error:", err)
		return 1
	}
	s := Serve(ln, okHandler(), nil)
	fmt.Println("ready")
	bufio.NewReader(os.Stdin).ReadString('\n')
	if err := s.Close(); err != nil {
		fmt.Println("error:", err)
		return 1
	}
	return 0
}

func okHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
}
