package watcher

// FSWatch lets tests outside the package fake the file-system watch.
type FSWatch = fsWatch

// WithWatchFunc replaces how the watcher makes file-system watches, so tests
// can force EMFILE, ENOSPC, overflows and watches that die.
func WithWatchFunc(f func() (FSWatch, error)) Option {
	return optionFunc(func(c *config) { c.newWatch = f })
}

// NewNotifyWatch makes the real fsnotify watch, for fakes that fail first
// and recover later.
func NewNotifyWatch() (FSWatch, error) { return newNotifyWatch() }
