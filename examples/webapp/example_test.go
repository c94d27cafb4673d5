package main

import "fmt"

// A debug line shows a secret by its kind and length only.
func Example_redact() {
	fmt.Println(redact("tok_9f86d081884c7d659a2feaa0c55ad015"))
	fmt.Println(redact("9f86d081884c7d65"))
	fmt.Println(redact(""))
	// Output:
	// tok_…(redacted, 36 bytes)
	// …(redacted, 16 bytes)
	// (empty)
}

// What a debug line can safely say about a response it did not understand.
func Example_shapeOf() {
	fmt.Println(shapeOf([]byte(`{"data":{"token":"tok_9f86d081","expires_in":3600},"token_type":"Bearer"}`)))
	// Output: {"data":{"expires_in":number,"token":string},"token_type":string}
}
