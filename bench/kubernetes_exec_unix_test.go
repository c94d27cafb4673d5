//go:build linux || darwin || freebsd

package bench

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// TestKubernetesExecNoFlag runs what the README runs in the pod, `scopelog
// set saas.client -for 15m`, word for word, beside webapp started with the
// Deployment's arguments, as a container has them: the two programs alone,
// as the same user, with no XDG_RUNTIME_DIR. The command must find webapp
// by itself and set the override.
func TestKubernetesExecNoFlag(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs webapp and the command")
	}
	cm, d := manifests(t)
	bin := t.TempDir()
	out, err := exec.Command("go", "build", "-o", bin+"/",
		"github.com/scopelog/scopelog/examples/webapp", "github.com/scopelog/scopelog/cmd/scopelog").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	// The container: its /tmp, and its ConfigMap where -components points.
	// The socket's path has a limit of about 100 bytes: a short /tmp.
	tmp, err := os.MkdirTemp("", "k")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	c := d.Spec.Template.Spec.Containers[0]
	file, _ := flagValue(c.Args, "components")
	components := filepath.Join(t.TempDir(), path.Base(file))
	if err := os.WriteFile(components, []byte(cm.Data[path.Base(file)]), 0o444); err != nil {
		t.Fatal(err)
	}
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "TMPDIR=" + tmp}
	var args []string
	for _, a := range c.Args {
		switch name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "="); name {
		case "addr":
			a = "-addr=127.0.0.1:0" // not the pod's port on this machine
		case "components":
			a = "-components=" + components
		}
		args = append(args, a)
	}
	app := exec.Command(filepath.Join(bin, "webapp"), args...)
	app.Env = env
	stderr, err := app.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		app.Process.Kill()
		app.Wait()
	})
	// The socket serves once webapp says so.
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		var e struct{ Logger, Msg string }
		if json.Unmarshal(sc.Bytes(), &e) == nil && e.Logger == "scopelog" && strings.HasPrefix(e.Msg, "admin socket ready") {
			break
		}
	}
	go func() {
		for sc.Scan() {
		}
	}()

	run := func(line string) string {
		t.Helper()
		words := strings.Fields(line)
		cmd := exec.Command(filepath.Join(bin, words[0]), words[1:]...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", line, err, out)
		}
		return string(out)
	}
	if out := run(noFlagCommand); !strings.HasPrefix(out, "override saas.client=debug until ") {
		t.Errorf("%s:\n%s", noFlagCommand, out)
	}
	if out := run("scopelog list"); !strings.Contains(out, "\nOVERRIDE     LEVEL  UNTIL\nsaas.client  debug  ") {
		t.Errorf("scopelog list:\n%s", out)
	}
}
