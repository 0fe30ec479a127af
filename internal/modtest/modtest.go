// Package modtest is a test helper: it writes files into a module of their
// own (module name "tst" unless the files hold a go.mod) in a temporary
// directory and runs go commands there, failing the test with their output.
package modtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Run writes files (name to content) into a new module and runs each go
// command of cmds, e.g. []string{"vet", "./..."}, in order.
func Run(t testing.TB, files map[string][]byte, cmds ...[]string) {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files["go.mod"]; !ok {
		files["go.mod"] = []byte("module tst\n\ngo 1.26\n")
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range cmds {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}
