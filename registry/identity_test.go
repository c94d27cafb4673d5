package registry

import (
	"fmt"
	"sync"
	"testing"

	"github.com/scopelog/scopelog/component"
	"go.uber.org/zap/zapcore"
)

// TestComponentIdentityUnderConcurrency: 8 goroutines register the same
// 5,000 names at once. Every call for one name must return the same
// *component.Logger, and Components must list each name once: a second
// Logger for a name would split its recorder and its level in two.
func TestComponentIdentityUnderConcurrency(t *testing.T) {
	const (
		goroutines = 8
		names      = 5000
	)
	reg := New(WithCore(zapcore.NewNopCore()))
	name := func(i int) string { return fmt.Sprint("c", i) }
	got := make([][]*component.Logger, goroutines)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for g := range goroutines {
		got[g] = make([]*component.Logger, names)
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for i := range names {
				got[g][i] = reg.Component(name(i))
			}
		}()
	}
	close(start)
	wg.Wait()

	split := 0
	for i := range names {
		for g := 1; g < goroutines; g++ {
			if got[g][i] != got[0][i] {
				split++
			}
		}
		if l := reg.Component(name(i)); l != got[0][i] {
			t.Errorf("%s: a later call returned another Logger", name(i))
		}
	}
	if split > 0 {
		t.Errorf("%d calls returned a different Logger than goroutine 0 for the same name", split)
	}
	seen := make(map[string]int)
	for _, s := range reg.Components() {
		seen[s.Name]++
	}
	twice := 0
	for n, c := range seen {
		if c != 1 {
			if twice++; twice <= 5 {
				t.Logf("%s listed %d times", n, c)
			}
		}
	}
	if twice > 0 || len(seen) != names+1 {
		t.Errorf("Components lists %d distinct names (want %d, the registry's own included), %d of them more than once", len(seen), names+1, twice)
	}
}
