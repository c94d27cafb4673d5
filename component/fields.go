package component

import (
	"sync"

	"go.uber.org/zap"
)

// maxPooledFields bounds the buffers kept for reuse, so that one call with a
// huge number of fields does not pin its buffer for the life of the program.
const maxPooledFields = 64

var fieldPool = sync.Pool{
	New: func() any {
		b := make([]zap.Field, 0, 16)
		return &b
	},
}

func getFields() *[]zap.Field {
	return fieldPool.Get().(*[]zap.Field)
}

func putFields(b *[]zap.Field) {
	if cap(*b) > maxPooledFields {
		return
	}
	// Clear so that a pooled buffer does not keep the caller's values alive.
	clear(*b)
	*b = (*b)[:0]
	fieldPool.Put(b)
}
