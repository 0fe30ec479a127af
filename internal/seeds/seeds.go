// Package seeds finds, for tests, the seed pages that live beside the
// repository (../shared/seeds). Outside CI a test without them skips; under
// CI=true it fails, so that a CI run never passes by skipping them.
package seeds

import (
	"os"
	"path/filepath"
	"runtime"
)

// T is the part of testing.TB that Dir uses.
type T interface {
	Helper()
	Fatalf(format string, args ...any)
	Skipf(format string, args ...any)
}

// Dir returns the seed directory, or ends the test when it is missing:
// Fatalf when the CI variable is "true", Skipf otherwise.
func Dir(t T) string {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	return dir(t, filepath.Join(filepath.Dir(here), "..", "..", "..", "shared", "seeds"), os.Getenv("CI"))
}

func dir(t T, path, ci string) string {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		if ci == "true" {
			t.Fatalf("seed pages not found at %s: under CI=true they must be there: %v", path, err)
		} else {
			t.Skipf("seed pages not found at %s (they live beside the repository): %v", path, err)
		}
	}
	return path
}
