// Package modtest is a test helper: it writes files into a module of their
// own (module name "tst" unless the files hold a go.mod, requiring this
// repository's module through a replace directive, so that generated code
// finds the support package rt) in a temporary directory and runs go
// commands there, failing the test with their output.
package modtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Run writes files (name to content) into a new module and runs each go
// command of cmds, e.g. []string{"vet", "./..."}, in order.
func Run(t testing.TB, files map[string][]byte, cmds ...[]string) {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files["go.mod"]; !ok {
		files["go.mod"] = []byte(GoMod("tst"))
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

// GoMod returns a go.mod for module mod that requires this repository's
// module from its working tree.
func GoMod(mod string) string {
	return "module " + mod + "\n\ngo 1.26\n\nrequire github.com/hwcorder/ordergen v0.0.0\n\nreplace github.com/hwcorder/ordergen => " + repoRoot() + "\n"
}

// repoRoot finds the directory of this repository's go.mod.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(filepath.Dir(file)))
}
