package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hwcorder/ordergen/specs"
)

// generatedGo is the Go version generated code needs, as the README
// states it.
const generatedGo = "1.24"

// TestGeneratedCodeGoVersion vets every embedded service's generated
// packages, and the support package rt they import, in modules whose go
// line is generatedGo: the compiler then accepts only language features of
// that version, and vet's stdversion check reports standard-library API
// newer than it. rt comes from a copy of this module that holds only rt
// and says go generatedGo, since this module's own go line is higher (see
// the README). stdversion skips generated files, so the copies vetted here
// lose their "Code generated" line. The same code must fail one version
// lower, so that the stated version is the lowest.
func TestGeneratedCodeGoVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet on generated packages")
	}
	rtFiles, err := filepath.Glob(filepath.Join(repoRoot(t), "rt", "*.go"))
	if err != nil || len(rtFiles) == 0 {
		t.Fatalf("no rt sources: %v", err)
	}
	for _, c := range []struct {
		goLine string
		ok     bool
	}{{generatedGo, true}, {"1.23", false}} {
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
		write("go.mod", []byte("module example.com/old\n\ngo "+c.goLine+"\n\nrequire "+ourModule+" v0.0.0\n\nreplace "+ourModule+" => ./ordergen\n"))
		write("ordergen/go.mod", []byte("module "+ourModule+"\n\ngo "+c.goLine+"\n"))
		for _, f := range rtFiles {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			write(filepath.Join("ordergen", "rt", filepath.Base(f)), data)
		}
		for _, svc := range specs.Services() {
			if code, _, stderr := gen(t, "--service", svc, "--out", filepath.Join(dir, svc)); code != 0 {
				t.Fatalf("gen --service %s: exit %d\n%s", svc, code, stderr)
			}
		}
		unmark(t, dir)
		cmd := exec.Command("go", "vet", "./...", ourModule+"/rt")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off", "GOTOOLCHAIN=local", "GOPROXY=off")
		out, err := cmd.CombinedOutput()
		switch {
		case c.ok && err != nil:
			t.Errorf("go %s: go vet failed: %v\n%s", c.goLine, err, out)
		case !c.ok && (err == nil || !strings.Contains(string(out), "requires go1.24 or later")):
			t.Errorf("go %s: go vet passed or failed for another reason (%v); the code must need go %s:\n%s", c.goLine, err, generatedGo, out)
		}
	}
}

// unmark removes the generated-code line from every generated .go file
// under dir.
func unmark(t *testing.T, dir string) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".gen.go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		first, rest, _ := strings.Cut(string(data), "\n")
		if !generatedLine.MatchString(first) {
			t.Fatalf("%s: first line %q is not the generated-code line", path, first)
		}
		n++
		return os.WriteFile(path, []byte("// Vetted as if hand-written.\n"+rest), 0o644)
	})
	if err != nil || n == 0 {
		t.Fatalf("unmark: %v, %d files", err, n)
	}
}
