package filestate

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCurrent(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	write(t, file, "a\n", 0o644)
	a := Read(file)
	fpA := a.Fingerprint()
	write(t, file, "b\n", 0o644)
	b := Read(file)
	fpB := b.Fingerprint()

	if known, _ := Current(file, fpA); known {
		t.Fatal("known before any Reader read it")
	}
	r1 := NewReader()
	defer r1.Close()
	k := r1.Begin(file)
	if known, current := Current(file, fpA); !known || current {
		t.Errorf("during a read: known %v current %v, want known and not current", known, current)
	}
	r1.End(k, fpA, true)
	if _, current := Current(file, fpA); !current {
		t.Error("not current after reading exactly that")
	}
	if _, current := Current(file, fpB); current {
		t.Error("current for other content")
	}
	// A relative path names the same record as the absolute one.
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if rel, err := filepath.Rel(wd, file); err == nil {
		if _, current := Current(rel, fpA); !current {
			t.Error("the relative path does not share the record")
		}
	}

	// A second reader that has read other content makes the file not
	// current for the first; one that has never read does not count.
	r2 := NewReader()
	k2 := r2.Begin(file)
	r2.End(k2, fpB, false) // abandoned: no record
	if _, current := Current(file, fpA); !current {
		t.Error("an abandoned read counted")
	}
	k2 = r2.Begin(file)
	r2.End(k2, fpB, true)
	if _, current := Current(file, fpA); current {
		t.Error("current although another reader read other content")
	}
	r2.Close()
	if _, current := Current(file, fpA); !current {
		t.Error("a closed reader's record still counts")
	}
	r1.Close()
	if known, _ := Current(file, fpA); known {
		t.Error("known after every reader closed")
	}
}
