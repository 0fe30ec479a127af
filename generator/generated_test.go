package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGeneratedUpToDate regenerates every spec in specs/ twice: the two
// runs must agree byte for byte (determinism), and both must equal what is
// committed in generated/ (make generate fixes drift).
func TestGeneratedUpToDate(t *testing.T) {
	specs, err := filepath.Glob("../specs/*.yaml")
	if err != nil || len(specs) == 0 {
		t.Fatalf("no specs: %v", err)
	}
	for _, spec := range specs {
		svc := strings.TrimSuffix(filepath.Base(spec), ".yaml")
		t.Run(svc, func(t *testing.T) {
			data, err := os.ReadFile(spec)
			if err != nil {
				t.Fatal(err)
			}
			name := "specs/" + svc + ".yaml"
			first, err := Generate(name, data, Config{Package: svc, ImportPath: "github.com/hwcorder/ordergen/generated/" + svc})
			if err != nil {
				t.Fatal(err)
			}
			second, err := Generate(name, data, Config{Package: svc, ImportPath: "github.com/hwcorder/ordergen/generated/" + svc})
			if err != nil {
				t.Fatal(err)
			}
			if len(first) != len(second) {
				t.Fatalf("two runs gave %d and %d files", len(first), len(second))
			}
			onDisk := map[string]bool{}
			entries, _ := os.ReadDir(filepath.Join("..", "generated", svc))
			for _, e := range entries {
				if strings.HasSuffix(e.Name(), ".gen.go") {
					onDisk[e.Name()] = true
				}
			}
			for i, f := range first {
				if f.Name != second[i].Name || !bytes.Equal(f.Data, second[i].Data) {
					t.Errorf("%s: two runs differ", f.Name)
				}
				got, err := os.ReadFile(filepath.Join("..", "generated", svc, f.Name))
				if err != nil || !bytes.Equal(got, f.Data) {
					t.Errorf("generated/%s/%s is stale; run make generate", svc, f.Name)
				}
				delete(onDisk, f.Name)
			}
			for name := range onDisk {
				t.Errorf("generated/%s/%s is no longer generated; run make generate", svc, name)
			}
		})
	}
}
