package generator

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hwcorder/ordergen/generator/model"
)

// TestReservedCoversSupportCode: every exported package-level name of the
// support code rendered into generated packages is in model.Reserved, so
// that the loader reports a schema or operation that would collide with it.
func TestReservedCoversSupportCode(t *testing.T) {
	files, err := filepath.Glob("../templates/rt/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no support files: %v", err)
	}
	fset := token.NewFileSet()
	for _, file := range files {
		base := filepath.Base(file)
		if strings.HasSuffix(base, "_test.go") || strings.HasSuffix(base, "_local.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			for _, name := range declNames(decl) {
				if ast.IsExported(name) && !slices.Contains(model.Reserved, name) {
					t.Errorf("%s: %s is rendered into generated packages but not in model.Reserved", base, name)
				}
			}
		}
	}
}

// declNames lists the package-level names a declaration introduces.
func declNames(decl ast.Decl) []string {
	var out []string
	switch d := decl.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			out = append(out, d.Name.Name)
		}
	case *ast.GenDecl:
		for _, spec := range d.Specs {
			switch s := spec.(type) {
			case *ast.TypeSpec:
				out = append(out, s.Name.Name)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					out = append(out, n.Name)
				}
			}
		}
	}
	return out
}
