package report

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// svgBar is what the test reads of a bar.
type svgBar struct {
	library, scenario string
	width             string
}

// parseSVG decodes doc with encoding/xml, failing the test unless it is
// well-formed, and returns its root element's name, its bars and its text.
func parseSVG(t *testing.T, doc string) (root xml.Name, bars []svgBar, text string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(doc))
	d.Strict = true
	var texts strings.Builder
	depth := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, doc)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				root = tok.Name
			}
			depth++
			if tok.Name.Local != "rect" {
				continue
			}
			attr := map[string]string{}
			for _, a := range tok.Attr {
				attr[a.Name.Local] = a.Value
			}
			if attr["class"] == "bar" {
				bars = append(bars, svgBar{attr["data-library"], attr["data-scenario"], attr["width"]})
			}
		case xml.EndElement:
			depth--
		case xml.CharData:
			texts.Write(tok)
			texts.WriteByte('\n')
		}
	}
	if depth != 0 {
		t.Fatalf("unbalanced elements: depth %d at the end", depth)
	}
	return root, bars, texts.String()
}

func TestChartIsWellFormedWithABarPerLibraryAndScenario(t *testing.T) {
	rs := loadWide(t)
	run := sampleRun()
	run.CPU = `AMD "EPYC" <2 & more>` // must be escaped
	root, bars, text := parseSVG(t, Chart(rs, run))
	if root.Space != "http://www.w3.org/2000/svg" || root.Local != "svg" {
		t.Errorf("root element = %v, want svg in the SVG namespace", root)
	}

	// One bar per library the run measured in each charted scenario, and no
	// other.
	want := map[[2]string]bool{}
	for _, s := range ChartScenarios {
		for _, lib := range Libraries {
			if s.lookup(rs, lib) != nil {
				want[[2]string{lib, scenarioName(s)}] = true
			}
		}
	}
	got := map[[2]string]bool{}
	for _, b := range bars {
		k := [2]string{b.library, b.scenario}
		if got[k] {
			t.Errorf("two bars for %v", k)
		}
		got[k] = true
		if !want[k] {
			t.Errorf("bar for %v, which the run did not measure", k)
		}
		if b.width == "" || strings.HasPrefix(b.width, "-") || b.width == "0" {
			t.Errorf("bar %v has width %q", k, b.width)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d bars, want %d: %v", len(got), len(want), want)
	}
	// The wide sample has nine libraries in Disabled/TwoFields and Enabled
	// lacks only zap-atomic: check the count does not just echo Libraries.
	if len(want) != 9+6+8 {
		t.Errorf("the wide sample has %d measured pairs, want 23", len(want))
	}

	for _, s := range []string{
		"1.33 ns", "6.99 ns", "389 ns", "1090 ns", // values on the bars
		"1 ns", "10 ns", "100 ns", "1000 ns", // the log axis
		"Disabled, two fields", "Disabled, guarded", "Enabled, two fields",
		`go1.26.8 on AMD "EPYC" <2 & more>, 2 cores, linux/amd64, 2026-11-24`, // the caption
		"log scale",
	} {
		if !strings.Contains(text, s) {
			t.Errorf("chart text lacks %q:\n%s", s, text)
		}
	}
}

// Longer bars for slower calls, on a log scale: a tenfold difference is the
// same length wherever it falls.
func TestChartScaleIsLogarithmic(t *testing.T) {
	rs := synthetic(t,
		"BenchmarkDisabled/TwoFields/scopelog-2 10 1 ns/op",
		"BenchmarkDisabled/TwoFields/zap-2 10 10 ns/op",
		"BenchmarkDisabled/TwoFields/zerolog-2 10 100 ns/op",
		"BenchmarkEnabled/TwoFields/zap-2 10 1000 ns/op",
	)
	_, bars, _ := parseSVG(t, Chart(rs, sampleRun()))
	if len(bars) != 4 {
		t.Fatalf("%d bars, want 4", len(bars))
	}
	width := map[string]float64{}
	for _, b := range bars {
		var w float64
		if _, err := fmt.Sscan(b.width, &w); err != nil {
			t.Fatal(err)
		}
		width[b.library+" "+b.scenario] = w
	}
	one := width["scopelog Disabled/TwoFields"]
	ten := width["zap Disabled/TwoFields"]
	hundred := width["zerolog Disabled/TwoFields"]
	thousand := width["zap Enabled/TwoFields"]
	step := ten - one
	if step <= 0 || abs(hundred-ten-step) > 0.2 || abs(thousand-hundred-step) > 0.2 {
		t.Errorf("widths %v, %v, %v, %v: not evenly spaced decades", one, ten, hundred, thousand)
	}
}

func TestChartOfAnEmptyRun(t *testing.T) {
	_, bars, _ := parseSVG(t, Chart(synthetic(t), sampleRun()))
	if len(bars) != 0 {
		t.Errorf("%d bars for an empty run", len(bars))
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
