package scopelog_test

import (
	"bufio"
	"encoding/json"
	"errors"
	"io/fs"
	"os"

	"go.uber.org/goleak"

	"github.com/scopelog/scopelog"
)

// appEnv names the components file of the program that the end-to-end test
// runs: this test binary, in a process of its own.
const appEnv = "SCOPELOG_TEST_APP"

// app is that program. It opens the file with the defaults, logging JSON
// lines on stderr, and reads commands on stdin: "log" logs a debug line and
// then an info line of the component db; "close" closes the Logs and prints
// on stdout, as JSON, what it left behind. It returns the exit code.
func app(file string) int {
	logs, err := scopelog.Open(file)
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		return 1
	}
	db := logs.Component("db")
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		switch in.Text() {
		case "log":
			db.Debug("tick")
			db.Info("tock")
		case "close":
			var out closed
			socket := logs.Socket()
			if err := logs.Close(); err != nil {
				out.CloseErr = err.Error()
			}
			if err := logs.Close(); err != nil {
				out.CloseErr += "; a second Close: " + err.Error()
			}
			_, err := os.Lstat(socket)
			out.SocketGone = errors.Is(err, fs.ErrNotExist)
			if err := goleak.Find(); err != nil {
				out.Leak = err.Error()
			}
			json.NewEncoder(os.Stdout).Encode(out)
			return 0
		}
	}
	return 2
}

// closed is what app says after Close.
type closed struct {
	CloseErr   string `json:"close_err"`
	SocketGone bool   `json:"socket_gone"`
	Leak       string `json:"leak"`
}
