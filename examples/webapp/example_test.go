package main

import "fmt"

// What a debug line can safely say about a response it did not understand.
func Example_shapeOf() {
	fmt.Println(shapeOf([]byte(`{"data":{"token":"tok_9f86d081","expires_in":3600},"token_type":"Bearer"}`)))
	// Output: {"data":{"expires_in":number,"token":string},"token_type":string}
}
