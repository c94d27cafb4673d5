package admin

import (
	"expvar"
	"time"

	"github.com/scopelog/scopelog/registry"
)

// Var returns an expvar.Var of reg's status, to publish under any name:
//
//	expvar.Publish("scopelog", admin.Var(reg))
//
// Its JSON, computed afresh each time it is read, is
//
//	{"last_reload_successful":true,"last_reload_time":"2026-11-26T14:45:00Z",
//	 "generation":3,"overrides":1,"components":{"clock":"debug","http":"info"},
//	 "written":{"clock":{"debug":120,"info":3},"http":{"info":42}},"dropped":{"clock":17}}
//
// where last_reload_successful is false before the first reload and after a
// failed one, and last_reload_time is omitted before the first. written
// counts each component's entries by level, the levels with none left
// out, and dropped the entries its limits dropped, the components with
// none left out. Publishing it makes the status readable by any expvar or
// JSON scraper, and a rate of written debug entries an alert.
func Var(reg *registry.Registry) expvar.Var {
	return expvar.Func(func() any {
		last := reg.LastReload()
		v := status{
			Successful: last.Generation > 0 && last.Err == nil,
			Time:       utc(last.Time),
			Generation: last.Generation,
			Overrides:  len(reg.Overrides()),
			Components: make(map[string]string),
			Written:    make(map[string]map[string]uint64),
			Dropped:    make(map[string]uint64),
		}
		for _, c := range reg.Components() {
			v.Components[c.Name] = c.Level.String()
			if c.Written != nil {
				v.Written[c.Name] = c.Written
			}
			if c.Dropped > 0 {
				v.Dropped[c.Name] = c.Dropped
			}
		}
		return v
	})
}

type status struct {
	Successful bool                         `json:"last_reload_successful"`
	Time       time.Time                    `json:"last_reload_time,omitzero"`
	Generation uint64                       `json:"generation"`
	Overrides  int                          `json:"overrides"`
	Components map[string]string            `json:"components"`
	Written    map[string]map[string]uint64 `json:"written"`
	Dropped    map[string]uint64            `json:"dropped"`
}
