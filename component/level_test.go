package component

import (
	"testing"
	"unsafe"

	"go.uber.org/zap/zapcore"
)

func TestLevelZeroValueIsInfo(t *testing.T) {
	var lv Level
	if got := lv.Level(); got != zapcore.InfoLevel {
		t.Fatalf("zero Level = %v, want info", got)
	}
	if lv.Enabled(zapcore.DebugLevel) || !lv.Enabled(zapcore.InfoLevel) {
		t.Fatalf("zero Level: Enabled(debug)=%v Enabled(info)=%v, want false true",
			lv.Enabled(zapcore.DebugLevel), lv.Enabled(zapcore.InfoLevel))
	}
}

func TestLevelSetAndEnabled(t *testing.T) {
	for _, set := range []zapcore.Level{
		zapcore.DebugLevel, zapcore.InfoLevel, zapcore.WarnLevel, zapcore.ErrorLevel,
		zapcore.DPanicLevel, zapcore.PanicLevel, zapcore.FatalLevel,
	} {
		lv := NewLevel(set)
		if lv.Level() != set || lv.String() != set.String() {
			t.Errorf("NewLevel(%v): Level()=%v String()=%q", set, lv.Level(), lv.String())
		}
		for probe := zapcore.DebugLevel; probe <= zapcore.FatalLevel; probe++ {
			if got, want := lv.Enabled(probe), probe >= set; got != want {
				t.Errorf("level %v: Enabled(%v) = %v, want %v", set, probe, got, want)
			}
		}
	}
}

func TestLevelIsLevelEnabler(t *testing.T) {
	lv := NewLevel(zapcore.WarnLevel)
	if got := zapcore.LevelOf(lv); got != zapcore.WarnLevel {
		t.Fatalf("zapcore.LevelOf = %v, want warn", got)
	}
}

// Each Level and Logger fills one cache line, so that no neighbour written
// often shares it (see the padding's comments).
func TestHotObjectsFillACacheLine(t *testing.T) {
	if s := unsafe.Sizeof(Level{}); s != cacheLine {
		t.Errorf("Level is %d bytes, want %d", s, cacheLine)
	}
	if s := unsafe.Sizeof(Logger{}); s != cacheLine {
		t.Errorf("Logger is %d bytes, want %d", s, cacheLine)
	}
}
