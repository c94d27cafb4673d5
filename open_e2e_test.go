//go:build linux || darwin || freebsd

package scopelog_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/scopelog/scopelog/admin"
	"github.com/scopelog/scopelog/internal/adminsock"
)

// deadline bounds every wait for the program; it is reached only when
// something is wrong, however loaded the machine.
const deadline = time.Minute

// proc is the program of app, running, with the JSON lines it has written
// on stderr.
type proc struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	out   *bufio.Reader // stdout
	mu    sync.Mutex
	cond  *sync.Cond
	lines []map[string]any
	done  bool // stderr is closed
}

func startApp(t *testing.T, file string) *proc {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: exec.Command(exe, "-test.run=^$")}
	p.cond = sync.NewCond(&p.mu)
	p.cmd.Env = append(os.Environ(), appEnv+"="+file)
	if p.stdin, err = p.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p.out = bufio.NewReader(stdout)
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		p.cmd.Wait()
	})
	go p.read(t, stderr)
	// Wake the waiters at the deadline, so that they fail rather than hang.
	timer := time.AfterFunc(deadline, func() { p.cond.Broadcast() })
	t.Cleanup(func() { timer.Stop() })
	return p
}

func (p *proc) read(t *testing.T, r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			m = map[string]any{"msg": "not JSON", "line": sc.Text()}
		}
		p.mu.Lock()
		p.lines = append(p.lines, m)
		p.mu.Unlock()
		p.cond.Broadcast()
	}
	p.mu.Lock()
	p.done = true
	p.mu.Unlock()
	p.cond.Broadcast()
}

// wait returns the index and the first line at or after from that match
// says, failing the test if the program ends or the deadline passes first.
func (p *proc) wait(t *testing.T, from int, what string, match func(map[string]any) bool) (int, map[string]any) {
	t.Helper()
	end := time.Now().Add(deadline)
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		for i := from; i < len(p.lines); i++ {
			if match(p.lines[i]) {
				return i, p.lines[i]
			}
		}
		if p.done || time.Now().After(end) {
			t.Fatalf("no %s in the program's output:\n%s", what, p.dump())
		}
		p.cond.Wait()
	}
}

func (p *proc) dump() string {
	var b strings.Builder
	for _, l := range p.lines {
		j, _ := json.Marshal(l)
		b.Write(append(j, '\n'))
	}
	return b.String()
}

func msg(logger, text string) func(map[string]any) bool {
	return func(m map[string]any) bool { return m["logger"] == logger && m["msg"] == text }
}

// ack matches the acknowledgement of the reload of generation gen.
func ack(gen int) func(map[string]any) bool {
	return func(m map[string]any) bool {
		g, _ := m["generation"].(float64)
		return m["logger"] == "scopelog" && int(g) == gen
	}
}

func (p *proc) send(t *testing.T, command string) {
	t.Helper()
	if _, err := io.WriteString(p.stdin, command+"\n"); err != nil {
		t.Fatal(err)
	}
}

// TestOpenEndToEnd runs a program that calls Open with the defaults, as a
// real process: the first load of a missing file, a save that the watcher
// reloads, SIGUSR1, the admin socket found at its place and answering, and
// Close, which leaves no goroutine and no socket.
func TestOpenEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a process")
	}
	file := filepath.Join(t.TempDir(), "components")
	p := startApp(t, file)

	i, ready := p.wait(t, 0, "the socket's announcement", msg("scopelog", "admin socket ready: scopelog list finds this process"))
	pid := p.cmd.Process.Pid
	want := filepath.Join(os.Getenv("XDG_RUNTIME_DIR"), "scopelog", strconv.Itoa(pid)+".sock")
	if ready["socket"] != want {
		t.Errorf("socket %v, want %s", ready["socket"], want)
	}
	if info, err := os.Lstat(want); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("the socket: %v, %v", info, err)
	}
	if _, first := p.wait(t, 0, "the first load", ack(1)); !strings.Contains(first["msg"].(string), "components file not found") {
		t.Errorf("first load: %v", first)
	}

	// A save: the watcher reloads.
	if err := os.WriteFile(file, []byte("db\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	i, saved := p.wait(t, i, "the watcher's reload", ack(2))
	if fmt.Sprint(saved["changed"]) != "[db: info→debug]" {
		t.Errorf("the watcher's reload: %v", saved)
	}
	p.send(t, "log")
	tock, _ := p.wait(t, i, "db's info line", msg("db", "tock"))
	if tick, _ := p.wait(t, i, "db's debug line", msg("db", "tick")); tick > tock {
		t.Error("the debug line came after the info line")
	}

	// A signal: it reloads though the file has not changed.
	if err := p.cmd.Process.Signal(syscall.SIGUSR1); err != nil {
		t.Fatal(err)
	}
	p.wait(t, i, "the signal's reload", ack(3))

	// The socket: the admin handler, to this user.
	client := adminsock.Client(want, deadline)
	resp, err := client.Get(adminsock.URL)
	if err != nil {
		t.Fatal(err)
	}
	var st admin.State
	err = json.NewDecoder(resp.Body).Decode(&st)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET through the socket: %s, %v", resp.Status, err)
	}
	found := false
	for _, c := range st.Components {
		found = found || c.Name == "db" && c.Level.String() == "debug"
	}
	if !found || st.LastReload.Generation != 3 {
		t.Errorf("the state through the socket: %+v", st)
	}

	p.send(t, "close")
	var out closed
	if err := json.NewDecoder(p.out).Decode(&out); err != nil {
		t.Fatalf("no answer to close: %v\n%s", err, p.dump())
	}
	if out.CloseErr != "" || !out.SocketGone || out.Leak != "" {
		t.Errorf("after Close: %+v", out)
	}
	if err := p.cmd.Wait(); err != nil {
		t.Errorf("the program: %v", err)
	}
}
