package seeds

import (
	"fmt"
	"testing"
)

// recorder is a T that records how the test would have ended.
type recorder struct{ ended string }

func (r *recorder) Helper()                        {}
func (r *recorder) Fatalf(format string, a ...any) { r.ended = "fatal: " + fmt.Sprintf(format, a...) }
func (r *recorder) Skipf(format string, a ...any)  { r.ended = "skip: " + fmt.Sprintf(format, a...) }

func TestMissingSeedsFailUnderCI(t *testing.T) {
	missing := t.TempDir() + "/no-seeds"
	for ci, want := range map[string]string{"true": "fatal", "": "skip", "false": "skip"} {
		var r recorder
		dir(&r, missing, ci)
		if len(r.ended) < len(want) || r.ended[:len(want)] != want {
			t.Errorf("CI=%q: %q, want %s", ci, r.ended, want)
		}
	}
	var r recorder
	if got := dir(&r, t.TempDir(), "true"); r.ended != "" || got == "" {
		t.Errorf("present directory: %q, %q", got, r.ended)
	}
}
