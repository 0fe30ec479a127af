package generator

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"testing"

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
