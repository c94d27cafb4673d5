package registry_test

import (
	"errors"
	"fmt"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/registry"
)

func ExampleSetRule() {
	src := []byte("# myapp\ndb=info   # the pool is noisy\n")
	src, err := registry.SetRule("components", src, registry.Rule{Pattern: "db", Level: zapcore.DebugLevel})
	if err != nil {
		fmt.Println(err)
		return
	}
	src, _ = registry.SetRule("components", src, registry.Rule{Pattern: "saas.client", Level: zapcore.DebugLevel})
	fmt.Print(string(src))
	// Output:
	// # myapp
	// db=debug   # the pool is noisy
	// saas.client=debug
}

func ExampleRemoveRule() {
	src := []byte("# myapp\ndb=info\nsaas.client\n")
	src, _ = registry.RemoveRule("components", src, "saas.client")
	fmt.Print(string(src))
	_, err := registry.RemoveRule("components", src, "http")
	fmt.Println(errors.Is(err, registry.ErrNoRule), err)
	// Output:
	// # myapp
	// db=info
	// true components: registry: no rule with this pattern: "http"
}
