module github.com/scopelog/scopelog

go 1.26

require (
	github.com/fsnotify/fsnotify v1.10.1
	go.uber.org/goleak v1.3.0
	go.uber.org/zap v1.28.0
	golang.org/x/sys v0.13.0
)

require go.uber.org/multierr v1.10.0 // indirect
