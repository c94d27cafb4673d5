package main

import "net/http"

// testClient keeps no idle connection, so that goleak sees none.
var testClient = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
