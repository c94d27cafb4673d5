// Package kubernetes holds no code: it is the Kubernetes manifests of
// examples/webapp (configmap.yaml, deployment.yaml, README.md) and a test
// that keeps them valid.
//
// # What the test checks
//
// The manifests parse, with no unknown field. The ConfigMap has the key
// "components", and its content is a valid components file. The Deployment
// mounts the ConfigMap as a directory, never with subPath, read-only, with a
// mode that is not world-writable, at the directory of the path given to
// webapp's -components flag. The README names the ConfigMap and the
// container as the manifests do.
//
// # Concurrency
//
// There is nothing to run concurrently.
package kubernetes
