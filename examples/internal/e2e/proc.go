package e2e

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// Deadline bounds every wait. It is only reached when a test fails, so it is
// generous enough for a loaded machine running everything with -race.
const Deadline = 10 * time.Second

// poll is how often a wait looks at the lines read so far.
const poll = 2 * time.Millisecond

// A Proc is a running program whose stderr is read as JSON log lines.
type Proc struct {
	cmd    *exec.Cmd
	stdout bytes.Buffer // written by exec's copying goroutine until Wait

	read   chan struct{} // closed when stderr reaches EOF
	exited chan struct{} // closed when the process has been waited for

	mu      sync.Mutex
	entries []Entry
	bad     []string // lines that are not a JSON log entry
	raw     bytes.Buffer
	waitErr error
}

// Start starts bin with args and reads its stderr until it exits. The
// process is killed, if still running, when the test ends; a line of its
// stderr that is not a JSON object then fails the test.
func Start(t testing.TB, bin string, args ...string) *Proc {
	t.Helper()
	p := &Proc{
		cmd:    exec.Command(bin, args...),
		read:   make(chan struct{}),
		exited: make(chan struct{}),
	}
	p.cmd.Stdout = &p.stdout
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go p.readLines(stderr)
	go func() {
		// Wait closes the pipe, so the lines must all be read first.
		<-p.read
		err := p.cmd.Wait()
		p.mu.Lock()
		p.waitErr = err
		p.mu.Unlock()
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			_ = p.cmd.Process.Kill()
			<-p.exited
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		for _, line := range p.bad {
			t.Errorf("%s wrote a line that is not a JSON log entry: %q", bin, line)
		}
	})
	return p
}

func (p *Proc) readLines(r io.Reader) {
	defer close(p.read)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		e, err := parseEntry(line)
		p.mu.Lock()
		p.raw.WriteString(line)
		p.raw.WriteByte('\n')
		if err != nil {
			p.bad = append(p.bad, line)
		} else {
			p.entries = append(p.entries, e)
		}
		p.mu.Unlock()
	}
	// A read error means the pipe is gone with the process; the lines read
	// so far are all there is.
	_, _ = io.Copy(io.Discard, r)
}

// Pid returns the process id.
func (p *Proc) Pid() int { return p.cmd.Process.Pid }

// Signal sends sig to the process.
func (p *Proc) Signal(t testing.TB, sig os.Signal) {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatalf("signal %v: %v", sig, err)
	}
}

// Len returns the number of entries read so far, an index for Wait and
// Since.
func (p *Proc) Len() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.entries)
}

// Since returns a copy of the entries read so far from index from on.
func (p *Proc) Since(from int) []Entry {
	p.mu.Lock()
	defer p.mu.Unlock()
	if from > len(p.entries) {
		return nil
	}
	return append([]Entry(nil), p.entries[from:]...)
}

// Raw returns everything the process wrote on stderr so far.
func (p *Proc) Raw() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.raw.String()
}

// Wait waits for the first entry at index from or later that match accepts,
// and returns it with its index. It fails the test, showing the last lines,
// after Deadline or when the process exits first. what names the awaited
// entry in that message.
func (p *Proc) Wait(t testing.TB, from int, what string, match func(Entry) bool) (int, Entry) {
	t.Helper()
	end := time.Now().Add(Deadline)
	for next := from; ; {
		p.mu.Lock()
		for ; next < len(p.entries); next++ {
			if match(p.entries[next]) {
				e := p.entries[next]
				p.mu.Unlock()
				return next, e
			}
		}
		p.mu.Unlock()
		select {
		case <-p.read:
			// The last lines may have come in with EOF: one more look.
			if next == p.Len() {
				select {
				case <-p.exited: // for its status, which follows EOF at once
				case <-time.After(Deadline):
				}
				t.Fatalf("the process exited (%v) while waiting for %s\n%s", p.exitErr(), what, p.tail())
			}
			continue
		default:
		}
		if time.Now().After(end) {
			t.Fatalf("timed out after %v waiting for %s\n%s", Deadline, what, p.tail())
		}
		time.Sleep(poll)
	}
}

// Generation returns the highest reload generation that the registry's
// acknowledgements have reported so far, 0 if none.
func (p *Proc) Generation() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	var g int64
	for _, e := range p.entries {
		if n, ok := reloadGeneration(e); ok {
			g = max(g, n)
		}
	}
	return g
}

// WaitReload waits for the registry's acknowledgement of a reload whose
// generation is above after, successful or not, and returns it with its
// index.
func (p *Proc) WaitReload(t testing.TB, after int64) (int, Entry) {
	t.Helper()
	return p.Wait(t, 0, fmt.Sprintf("a reload of generation > %d", after), func(e Entry) bool {
		n, ok := reloadGeneration(e)
		return ok && n > after
	})
}

// reloadGeneration reports the generation of a reload acknowledgement of
// the registry, which it logs on its own component "scopelog".
func reloadGeneration(e Entry) (int64, bool) {
	if e.Logger != "scopelog" || !strings.HasPrefix(e.Msg, "components ") {
		return 0, false
	}
	return e.Int("generation")
}

// WaitExit waits for the process to exit and returns the error of
// exec.Cmd.Wait, nil for a zero exit status.
func (p *Proc) WaitExit(t testing.TB) error {
	t.Helper()
	select {
	case <-p.exited:
		return p.exitErr()
	case <-time.After(Deadline):
		t.Fatalf("the process did not exit within %v\n%s", Deadline, p.tail())
		return nil
	}
}

// Stdout returns what the process wrote on stdout; call it after WaitExit.
func (p *Proc) Stdout() string {
	<-p.exited
	return p.stdout.String()
}

func (p *Proc) exitErr() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.waitErr
}

// tail returns the last lines of stderr, for failure messages.
func (p *Proc) tail() string {
	lines := strings.SplitAfter(p.Raw(), "\n")
	if len(lines) > 30 {
		lines = lines[len(lines)-30:]
	}
	return "last lines of stderr:\n" + strings.Join(lines, "")
}
