package generator

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hwcorder/ordergen/internal/modtest"
	"github.com/hwcorder/ordergen/rt"
)

// TestVersionMismatchFailsBuild: a package generated for a revision of rt
// that the rt at hand does not support (a newer or an older gen) does not
// build, and the error names rt.EnforceVersion; the revision gen writes
// today builds.
func TestVersionMismatchFailsBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	spec, err := os.ReadFile("../specs/hss.yaml")
	if err != nil {
		t.Fatal(err)
	}
	files, err := Generate("specs/hss.yaml", spec, Config{Package: "hss", ImportPath: "tst"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		version int
		builds  bool
	}{
		{"current", rt.GenVersion, true},
		{"newer gen", rt.MaxVersion + 1, false},
		{"older gen", rt.MinVersion - 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write := func(name string, data []byte) {
				path := filepath.Join(dir, name)
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			write("go.mod", []byte(modtest.GoMod("tst")))
			for _, f := range files {
				data := f.Data
				if f.Name == "doc.gen.go" {
					cur := fmt.Sprintf("EnforceVersion(%d - rt.MinVersion)", rt.GenVersion)
					if !strings.Contains(string(data), cur) {
						t.Fatalf("doc.gen.go lacks %s", cur)
					}
					data = []byte(strings.NewReplacer(
						cur, fmt.Sprintf("EnforceVersion(%d - rt.MinVersion)", tc.version),
						fmt.Sprintf("rt.MaxVersion - %d)", rt.GenVersion), fmt.Sprintf("rt.MaxVersion - %d)", tc.version),
					).Replace(string(data)))
				}
				write(f.Name, data)
			}
			cmd := exec.Command("go", "build", "./...")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
			out, err := cmd.CombinedOutput()
			switch {
			case tc.builds && err != nil:
				t.Fatalf("does not build: %v\n%s", err, out)
			case !tc.builds && err == nil:
				t.Fatal("builds against an rt that does not support its revision")
			case !tc.builds && !strings.Contains(string(out), "EnforceVersion"):
				t.Errorf("the build error does not name EnforceVersion:\n%s", out)
			}
		})
	}
}
