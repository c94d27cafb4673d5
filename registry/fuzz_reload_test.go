package registry

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.uber.org/zap/zapcore"
)

// FuzzReload writes any bytes as the components file and reloads it. Reload
// must never panic. Either it fails and no level changes, or the levels are
// those a fresh registry gets from the same content, and the rules those
// Parse reads.
func FuzzReload(f *testing.F) {
	for _, seed := range []string{
		"", "db\n", "db=info\nsaas.client\n*=warn\n", "db=verbose\n", "db ttl=1h\n",
		"\uFEFFdb\r\n", "\xff\xfed\x00b\x00\n\x00", "scopelog=error\n*=fatal\n",
		"http.*.retry=debug\nhttp.api=error\n", "db\x00\n", "*.*=dpanic\n#\n\n",
		"db[tenant=acme]=debug\n*[request=1]=info\ndb=error\n", "db[tenant=acme\n", "scopelog[a=1]\n*[a=1]=error\n",
	} {
		f.Add([]byte(seed))
	}
	names := []string{"db", "db.pool", "saas.client", "http.api.retry", "x"}
	levels := func(r *Registry) []ComponentStatus {
		out := r.Components()
		for i := range out {
			out[i].Rule = filepath.Base(out[i].Rule) // the file's name differs
		}
		return out
	}
	scoped := func(r *Registry) []string {
		var out []string
		for _, s := range r.Scoped() {
			out = append(out, s.Rule.String()+" covers "+strings.Join(s.Components, ","))
		}
		return out
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "components")
		reg := New(WithCore(zapcore.NewNopCore()), WithFile(path))
		for _, n := range names {
			reg.Component(n)
		}
		mustNil(t, os.WriteFile(path, []byte("db=warn\nsaas.client\n"), 0o600))
		mustNil(t, reg.Reload())
		before := levels(reg)

		mustNil(t, os.WriteFile(path, data, 0o600))
		err := reg.Reload()
		rules, rerr := ReadFile(path)
		if err != nil {
			if got := levels(reg); !reflect.DeepEqual(got, before) {
				t.Fatalf("a failed reload (%v) changed the levels:\n got %v\nwant %v", err, got, before)
			}
			if rerr == nil {
				t.Fatalf("Reload failed (%v) where ReadFile accepts the file", err)
			}
			return
		}
		if rerr != nil {
			t.Fatalf("Reload succeeded where ReadFile fails: %v", rerr)
		}
		parsed, perr := Parse(path, data)
		if perr != nil || !reflect.DeepEqual(rules, parsed) {
			t.Fatalf("ReadFile read %v, Parse %v (%v)", rules, parsed, perr)
		}
		// A fresh registry reads its own copy, so that the two share no
		// record of what was read.
		fresh := filepath.Join(dir, "fresh", "components")
		mustNil(t, os.Mkdir(filepath.Dir(fresh), 0o700))
		mustNil(t, os.WriteFile(fresh, data, 0o600))
		want := New(WithCore(zapcore.NewNopCore()), WithFile(fresh))
		for _, n := range names {
			want.Component(n)
		}
		if err := want.Reload(); err != nil {
			if errors.Is(err, ErrNoFile) {
				t.Fatal(err)
			}
			t.Fatalf("a fresh registry fails (%v) on content another applied", err)
		}
		if got, want := levels(reg), levels(want); !reflect.DeepEqual(got, want) {
			t.Fatalf("levels after reloading %q:\n got %v\nwant %v (a fresh registry)", data, got, want)
		}
		if got, want := scoped(reg), scoped(want); !reflect.DeepEqual(got, want) {
			t.Fatalf("scoped rules after reloading %q:\n got %v\nwant %v (a fresh registry)", data, got, want)
		}
	})
}
