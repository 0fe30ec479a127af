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
// package in a module whose go line is generatedGo: the compiler then
// accepts only language features of that version, and vet's stdversion
// check reports standard-library API newer than it. stdversion skips
// generated files, so the copies vetted here lose their "Code generated"
// line. The same code must fail one version lower, so that the stated
// version is the lowest.
func TestGeneratedCodeGoVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet on generated packages")
	}
	for _, c := range []struct {
		goLine string
		ok     bool
	}{{generatedGo, true}, {"1.23", false}} {
		dir := t.TempDir()
		write := func(name, text string) {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write("go.mod", "module example.com/old\n\ngo "+c.goLine+"\n")
		for _, svc := range specs.Services() {
			if code, _, stderr := gen(t, "--service", svc, "--out", filepath.Join(dir, svc)); code != 0 {
				t.Fatalf("gen --service %s: exit %d\n%s", svc, code, stderr)
			}
		}
		unmark(t, dir)
		cmd := exec.Command("go", "vet", "./...")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off", "GOTOOLCHAIN=local")
		out, err := cmd.CombinedOutput()
		switch {
		case c.ok && err != nil:
			t.Errorf("go %s: go vet failed: %v\n%s", c.goLine, err, out)
		case !c.ok && (err == nil || !strings.Contains(string(out), "requires go1.24 or later")):
			t.Errorf("go %s: go vet passed or failed for another reason (%v); the code must need go %s:\n%s", c.goLine, err, generatedGo, out)
		}
	}
}

// unmark removes the generated-code line from every .go file under dir.
func unmark(t *testing.T, dir string) {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(dir, "*", "*.go"))
	if len(paths) == 0 {
		t.Fatal("no generated files")
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		first, rest, _ := strings.Cut(string(data), "\n")
		if !generatedLine.MatchString(first) {
			t.Fatalf("%s: first line %q is not the generated-code line", p, first)
		}
		if err := os.WriteFile(p, []byte("// Vetted as if hand-written.\n"+rest), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
