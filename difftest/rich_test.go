package difftest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/hwcorder/ordergen/generator"
)

// TestRichUpToDate checks that the committed package rich is what the
// generator makes of rich/rich.yaml now. Regenerate it with
//
//	go run ./cmd/gen --spec difftest/rich/rich.yaml --out difftest/rich --package rich
func TestRichUpToDate(t *testing.T) {
	data, err := os.ReadFile(richSpec)
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.Generate("difftest/"+richSpec, data, generator.Config{Package: "rich"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, f := range files {
		want[f.Name] = true
		got, err := os.ReadFile(filepath.Join("rich", f.Name))
		if err != nil {
			t.Errorf("%v (regenerate rich)", err)
			continue
		}
		if !bytes.Equal(got, f.Data) {
			t.Errorf("rich/%s is stale (regenerate rich)", f.Name)
		}
	}
	old, err := filepath.Glob(filepath.Join("rich", "*.gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range old {
		if !want[filepath.Base(name)] {
			t.Errorf("%s is no longer generated; delete it", name)
		}
	}
}
