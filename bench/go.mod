module github.com/scopelog/scopelog/bench

go 1.26

replace github.com/scopelog/scopelog => ../

require (
	github.com/ipfs/go-log/v2 v2.9.2
	github.com/phuslu/log v1.0.121
	github.com/rs/zerolog v1.35.1
	github.com/scopelog/scopelog v0.0.0-00010101000000-000000000000
	go.uber.org/goleak v1.3.0
	go.uber.org/zap v1.28.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/fsnotify/fsnotify v1.10.1 // indirect
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.22 // indirect
	go.uber.org/multierr v1.11.0 // indirect
	golang.org/x/sys v0.35.0 // indirect
)
