package loader

import (
	"os"
	"path/filepath"
	"testing"
)

// TestLoadSpecs loads every spec in specs/ and expects no problem.
func TestLoadSpecs(t *testing.T) {
	files, err := filepath.Glob("../../specs/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no specs found")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			api, err := Load("specs/"+filepath.Base(f), data)
			if err != nil {
				t.Fatalf("Load:\n%v", err)
			}
			if len(api.Operations) == 0 {
				t.Errorf("no operations")
			}
		})
	}
}
