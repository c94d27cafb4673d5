// Package openfile opens files that a program only reads and must never wait
// on, such as a components file someone may have replaced with a FIFO. It is
// shared by the registry, which reads the file, and the watcher, which hashes
// it. Its functions are safe for concurrent use.
package openfile
