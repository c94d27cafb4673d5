package report

import (
	"strings"
	"testing"
)

const fleetBlock = FleetBegin + "\n## Fleet: the same instant on every replica\n\n| a | b |\n|---|---|\n| 1 | 2 |\n" + FleetEnd

func TestFleetBlock(t *testing.T) {
	doc := "# Benchmark results\n\nold tables\n\n" + fleetBlock + "\n\n## Raw output\n"
	got, err := FleetBlock(doc)
	if err != nil || got != fleetBlock {
		t.Fatalf("FleetBlock = %q, %v; want the block verbatim", got, err)
	}
	if got, err := FleetBlock("# no block\n"); got != "" || err != nil {
		t.Errorf("a doc without a block: %q, %v", got, err)
	}
	for name, bad := range map[string]string{
		"begin only": "x\n" + FleetBegin + "\ny\n",
		"end only":   "x\n" + FleetEnd + "\n",
		"reversed":   FleetEnd + "\n" + FleetBegin + "\n",
		"two blocks": fleetBlock + "\n" + fleetBlock,
	} {
		if _, err := FleetBlock(bad); err == nil || !strings.HasPrefix(err.Error(), "report: ") {
			t.Errorf("%s: err = %v, want a report: error", name, err)
		}
	}
}

// Regenerating RESULTS.md and the README section keeps the block that
// bench/cmd/fleet wrote, byte for byte.
func TestCarryFleetKeepsTheBlockVerbatim(t *testing.T) {
	rs, run := loadWide(t), sampleRun()

	// RESULTS.md: the new document has no block; it goes before the raw
	// output, and a second regeneration leaves the document as it is.
	old := Document(rs, run) + "\n" + fleetBlock + "\n" // where cmd/fleet appends it
	block, err := FleetBlock(old)
	if err != nil {
		t.Fatal(err)
	}
	doc := CarryFleet(Document(rs, run), block)
	if strings.Count(doc, fleetBlock) != 1 {
		t.Fatalf("regenerated RESULTS.md has the block %d times:\n%s", strings.Count(doc, fleetBlock), doc)
	}
	if i, j := strings.Index(doc, fleetBlock), strings.Index(doc, "## Raw output"); i < 0 || j < i {
		t.Errorf("the block is not before the raw output")
	}
	block2, _ := FleetBlock(doc)
	if again := CarryFleet(Document(rs, run), block2); again != doc {
		t.Error("a second regeneration moved or changed the block")
	}

	// README: a block inside the generated section is carried into the new
	// section; ReplaceSection then writes it back in place.
	readme := "# scopelog\n\n## Performance\n\n" + StartMarker + "\nold tables\n\n" + fleetBlock + "\n" + EndMarker + "\n\n## Development\n"
	section, err := Section(readme)
	if err != nil {
		t.Fatal(err)
	}
	block, err = FleetBlock(section)
	if err != nil || block != fleetBlock {
		t.Fatalf("FleetBlock(section) = %q, %v", block, err)
	}
	out, err := ReplaceSection(readme, CarryFleet(ReadmeSection(rs, run), block))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(out, fleetBlock) != 1 || strings.Contains(out, "old tables") || !strings.HasSuffix(out, EndMarker+"\n\n## Development\n") {
		t.Errorf("regenerated README:\n%s", out)
	}
	// A block outside the section is not the report's: it stays where it is,
	// once.
	outside := "# scopelog\n\n" + fleetBlock + "\n\n" + StartMarker + "\nold\n" + EndMarker + "\n"
	section, _ = Section(outside)
	block, _ = FleetBlock(section)
	out, err = ReplaceSection(outside, CarryFleet(ReadmeSection(rs, run), block))
	if err != nil || strings.Count(out, fleetBlock) != 1 || !strings.HasPrefix(out, "# scopelog\n\n"+fleetBlock) {
		t.Errorf("README with the block outside the section: %v\n%s", err, out)
	}
}

func TestCarryFleetReplacesAnOlderBlock(t *testing.T) {
	doc := "a\n\n" + FleetBegin + "\nold\n" + FleetEnd + "\n\nb\n"
	if got := CarryFleet(doc, fleetBlock); got != "a\n\n"+fleetBlock+"\n\nb\n" {
		t.Errorf("got %q", got)
	}
	if got := CarryFleet("a\n", ""); got != "a\n" {
		t.Errorf("an empty block changed the doc: %q", got)
	}
	if got := CarryFleet("a\n\n\n", fleetBlock); got != "a\n\n"+fleetBlock+"\n" {
		t.Errorf("a doc without raw output: %q", got)
	}
}
