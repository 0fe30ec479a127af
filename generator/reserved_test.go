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
	"github.com/hwcorder/ordergen/generator/plan"
)

// TestSupportDeclsMatchClient: the names the plan reserves for what every
// client package declares besides its spec (plan.SupportDecls) are exactly
// the package-level names client.gen.go declares apart from its operations,
// so that the plan's collision table sees every name the emitters write.
func TestSupportDeclsMatchClient(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "../generated/hss/client.gen.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, decl := range f.Decls {
		got = append(got, declNames(decl)...)
	}
	slices.Sort(got)
	if want := plan.SupportDecls(); !slices.Equal(got, want) {
		t.Errorf("client.gen.go declares %v\nplan.SupportDecls() = %v", got, want)
	}
}

// TestReservedIsSupportDecls: the loader's list of reserved names is the
// plan's, so a schema named like a support declaration is refused early.
func TestReservedIsSupportDecls(t *testing.T) {
	if got := slices.Sorted(slices.Values(model.Reserved)); !slices.Equal(got, plan.SupportDecls()) {
		t.Errorf("model.Reserved = %v\nplan.SupportDecls() = %v", got, plan.SupportDecls())
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
		for _, s := range d.Specs {
			switch s := s.(type) {
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

// TestClientPackagesHaveNoMockNames: the mock lives in its own package, so
// no exported name of a generated client package belongs to it.
func TestClientPackagesHaveNoMockNames(t *testing.T) {
	files, err := filepath.Glob("../generated/*/*.gen.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no generated files: %v", err)
	}
	for _, file := range files {
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			for _, name := range declNames(decl) {
				if ast.IsExported(name) && strings.Contains(name, "Mock") {
					t.Errorf("%s: %s is a mock name in a client package", file, name)
				}
			}
		}
	}
}
