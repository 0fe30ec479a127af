package peers

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
)

// TestOgenOutputCurrent runs the go:generate lines of doc.go into a
// temporary directory and compares the result with the committed ogen/
// packages byte for byte, so the benchmarked code is what ogen v1.24.0
// makes of the current specs.
func TestOgenOutputCurrent(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	lines := regexp.MustCompile(`(?m)^//go:generate go tool ogen -clean -package (\w+) -target (\S+) (\S+)$`).FindAllSubmatch(src, -1)
	if len(lines) != 2 {
		t.Fatalf("doc.go: %d ogen go:generate lines, want 2", len(lines))
	}
	for _, l := range lines {
		pkg, target, spec := string(l[1]), string(l[2]), string(l[3])
		tmp := filepath.Join(t.TempDir(), pkg)
		cmd := exec.Command("go", "tool", "ogen", "-clean", "-package", pkg, "-target", tmp, spec)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", cmd, err, out)
		}
		want, got := readDir(t, tmp), readDir(t, target)
		for _, name := range union(want, got) {
			if !bytes.Equal(want[name], got[name]) {
				t.Errorf("%s/%s differs from what ogen generates now; run go generate in bench/peers", target, name)
			}
		}
	}
}

func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = data
	}
	return files
}

func union(a, b map[string][]byte) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range []map[string][]byte{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}
