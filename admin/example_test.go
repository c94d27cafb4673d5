package admin_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"go.uber.org/zap/zapcore"

	"github.com/scopelog/scopelog/admin"
	"github.com/scopelog/scopelog/registry"
)

func Example() {
	reg := registry.New(registry.WithFile("testdata/components"), registry.WithCore(zapcore.NewNopCore()))
	reg.Component("db")
	reg.Component("db.pool")
	_ = reg.Reload()

	mux := http.NewServeMux()
	mux.Handle("/debug/scopelog", admin.Handler(reg))
	srv := httptest.NewServer(mux) // on 127.0.0.1: a loopback client
	defer srv.Close()
	c := srv.Client()

	show := func(resp *http.Response, err error) {
		if err != nil {
			fmt.Println(err)
			return
		}
		defer resp.Body.Close()
		var s admin.State
		if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
			fmt.Println(err)
			return
		}
		for _, c := range s.Components {
			fmt.Printf("%s=%s (%s) ", c.Name, c.Level, c.Rule)
		}
		fmt.Println(len(s.Overrides), "override(s)")
	}

	// Debug for db.pool, for 15 minutes.
	show(c.Post(srv.URL+"/debug/scopelog", "application/json",
		strings.NewReader(`{"pattern":"db.pool","for":"15m"}`)))
	// And off again, before it expires.
	req, _ := http.NewRequest("DELETE", srv.URL+"/debug/scopelog?pattern=db.pool", nil)
	show(c.Do(req))
	// Output:
	// db=info (testdata/components:2) db.pool=debug (override) scopelog=info () 1 override(s)
	// db=info (testdata/components:2) db.pool=info (testdata/components:2) scopelog=info () 0 override(s)
}
