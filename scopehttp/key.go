package scopehttp

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime"

	"github.com/scopelog/scopelog/registry"
)

// ErrKeyReadable reports a key file that someone other than its owner may
// read: whoever reads the key can turn debug on.
var ErrKeyReadable = errors.New("scopehttp: key file readable by others refused")

// ReadKeyFile reads the key of signed debug headers from the file at
// path, as [WithKeyFile] and the command's "scopelog grant -key" do: its
// content, without surrounding white space, of at least [MinKey] bytes.
// Generate one with, for instance,
//
//	(umask 077; head -c 32 /dev/urandom | base64 > /etc/myapp/debug.key)
//
// The file must pass the components file's trust checks (see
// registry.ReadTrusted: no one but root and the process's user may change
// or replace it) and, on Unix, be readable by its owner only (mode 0600 or
// 0400; on Kubernetes, defaultMode: 0400 on the secret's volume). The
// error names the path, what is wrong and the fix.
func ReadKeyFile(path string) ([]byte, error) {
	data, err := registry.ReadTrusted(path)
	if err != nil {
		return nil, fmt.Errorf("scopehttp: key file: %w", err)
	}
	if runtime.GOOS != "windows" {
		info, err := os.Stat(path)
		if err != nil {
			return nil, fmt.Errorf("scopehttp: key file: %w", err)
		}
		if m := info.Mode().Perm(); m&0o077 != 0 {
			return nil, fmt.Errorf("%w: %q has mode %v, so users other than its owner may read the key: chmod 600 it (on Kubernetes, defaultMode: 0400)", ErrKeyReadable, path, m)
		}
	}
	key := bytes.TrimSpace(data)
	if len(key) < MinKey {
		return nil, fmt.Errorf("scopehttp: key file %q holds %d bytes: at least %d are needed, such as head -c 32 /dev/urandom | base64", path, len(key), MinKey)
	}
	return key, nil
}
