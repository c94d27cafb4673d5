// Package fleet measures how closely a fleet of processes that read one
// components file agree in time: when a Kubernetes ConfigMap volume is
// updated, how long each process takes to acknowledge the new file, and, for
// a rule with until=, how close to its instant each process turns it off.
//
// # What runs
//
// Run starts N copies of the program in the child directory, real OS
// processes, each with a registry and a watcher on the file "components" of
// one shared Volume: a directory laid out as the kubelet lays out a ConfigMap
// volume, updated as the kubelet updates it (a new timestamped directory, a
// "..data_tmp" symlink renamed over "..data"). Each process writes the
// registry's own JSON log entries on its standard error, and Run reads them.
//
// # What is measured, and how precisely
//
// An acknowledgement's time is the time stamp of the registry's log entry on
// the component "scopelog", which zap takes after the new levels are stored,
// so it is late by the rest of the reload: microseconds, unless the process
// is descheduled in between. A swap's
// time is read just before rename(2) begins, so a latency is never
// understated; Swap keeps the time after it too, which bounds how much it is
// overstated. Every process reads the same wall clock, so
// there is no skew between them; across the nodes of a cluster, the offset of
// their clocks adds to the spread of expiries. All processes wake at the same
// moment on the machine's few cores, so the delay of the scheduler is part of
// the figures, as it would be for pods that share a node.
//
// # Concurrency
//
// Run may be called from several goroutines with different directories.
// A Volume is not safe for concurrent use. The rest is plain functions.
package fleet
