package watcher_test

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/scopelog/scopelog/watcher"
)

func ExampleWatch() {
	dir, err := os.MkdirTemp("", "watcher-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "components")
	if err := os.WriteFile(path, []byte("http=info\n"), 0o644); err != nil {
		fmt.Println(err)
		return
	}

	// In a program, reload is the registry's Reload. Here it reports what
	// it read.
	loaded := make(chan string, 1)
	reload := func() error {
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		select {
		case loaded <- string(b):
		default:
		}
		return nil
	}
	w, err := watcher.Watch(path, reload, watcher.WithDebounce(20*time.Millisecond))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer w.Close()

	// An operator saves the file.
	if err := os.WriteFile(path, []byte("http=debug\n"), 0o644); err != nil {
		fmt.Println(err)
		return
	}
	select {
	case content := <-loaded:
		fmt.Print("reloaded: ", content)
	case <-time.After(10 * time.Second):
		fmt.Println("no reload")
	}
	// Output: reloaded: http=debug
}
