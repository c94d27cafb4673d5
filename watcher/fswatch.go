package watcher

import "github.com/fsnotify/fsnotify"

// fsWatch is what the loop needs from a file-system watch. It exists so tests
// can replace fsnotify and force the failures real systems produce (EMFILE,
// ENOSPC, overflow, a watch that dies).
type fsWatch interface {
	Add(name string) error
	Remove(name string) error
	Close() error
	Events() <-chan fsnotify.Event
	Errors() <-chan error
}

type notifyWatch struct{ w *fsnotify.Watcher }

func newNotifyWatch() (fsWatch, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	return notifyWatch{w}, nil
}

func (n notifyWatch) Add(name string) error         { return n.w.Add(name) }
func (n notifyWatch) Remove(name string) error      { return n.w.Remove(name) }
func (n notifyWatch) Close() error                  { return n.w.Close() }
func (n notifyWatch) Events() <-chan fsnotify.Event { return n.w.Events }
func (n notifyWatch) Errors() <-chan error          { return n.w.Errors }
