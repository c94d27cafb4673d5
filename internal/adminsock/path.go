package adminsock

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// suffix ends the name of every socket: <pid>.sock.
const suffix = ".sock"

// Dir returns the directory of this process's socket: $XDG_RUNTIME_DIR/scopelog
// when that is set, and <os.TempDir()>/scopelog-<euid> otherwise.
func Dir() string {
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" {
		return filepath.Join(d, "scopelog")
	}
	return filepath.Join(os.TempDir(), "scopelog-"+strconv.Itoa(os.Geteuid()))
}

// Path returns the socket of the process pid of this user, in [Dir].
func Path(pid int) string {
	return filepath.Join(Dir(), strconv.Itoa(pid)+suffix)
}

// pidOf returns the pid a socket's file name gives, or 0 if it is not the
// name of one.
func pidOf(name string) int {
	digits, ok := strings.CutSuffix(name, suffix)
	if !ok || digits == "" || strings.TrimLeft(digits, "0123456789") != "" || digits[0] == '0' {
		return 0
	}
	pid, err := strconv.Atoi(digits)
	if err != nil {
		return 0
	}
	return pid
}

// searchDirs returns the directories where the sockets of this user's
// processes may be: both places [Dir] may give, since a service started
// without XDG_RUNTIME_DIR (by systemd, say) uses the temporary directory
// even when the operator's shell has the variable. For root, every user's:
// <os.TempDir()>/scopelog-*, and the scopelog directory of every runtime
// directory beside $XDG_RUNTIME_DIR (/run/user/* when it is not set).
func searchDirs() []string {
	uid := strconv.Itoa(os.Geteuid())
	dirs := []string{filepath.Join(os.TempDir(), "scopelog-"+uid)}
	xdg := os.Getenv("XDG_RUNTIME_DIR")
	if xdg != "" {
		dirs = append(dirs, filepath.Join(xdg, "scopelog"))
	}
	if os.Geteuid() != 0 {
		return dirs
	}
	others, _ := filepath.Glob(filepath.Join(globEscape(os.TempDir()), "scopelog-*"))
	runtimes := "/run/user"
	if xdg != "" {
		runtimes = filepath.Dir(xdg)
	}
	users, _ := filepath.Glob(filepath.Join(globEscape(runtimes), "*", "scopelog"))
	for _, d := range append(others, users...) {
		if !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// globEscape quotes the characters filepath.Glob would read as a pattern.
func globEscape(s string) string {
	var b strings.Builder
	for _, c := range s {
		if strings.ContainsRune(`*?[\`, c) {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}
