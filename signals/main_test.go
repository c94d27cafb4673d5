package signals

import (
	"testing"

	"go.uber.org/goleak"

	"github.com/scopelog/scopelog/internal/wait"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// deadline bounds every wait; see wait.Deadline.
const deadline = wait.Deadline
