package apidiff

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/hwcorder/ordergen/generator"
	"github.com/hwcorder/ordergen/generator/loader"
	"github.com/hwcorder/ordergen/generator/model"
)

// TestBreakingIffCallerBreaks is the differential test of Compare against
// the Go compiler's type checker. For every spec of ours and every edit of
// a kind listed in mutationKinds at every place it applies, it generates
// the package from the old and the new spec, writes a caller that uses
// every exported declaration of the old package with its exact type, and
// type-checks that caller against the new package. Compare must call the
// edit breaking exactly when the caller no longer compiles.
func TestBreakingIffCallerBreaks(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks a generated package per edit")
	}
	names, _ := filepath.Glob(filepath.Join(specsDir, "*.yaml"))
	if len(names) == 0 {
		t.Fatal("no specs")
	}
	imp := moduleImporter()
	tried, breaking := 0, 0
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		oldAPI, err := loader.Load("old.yaml", data)
		if err != nil {
			t.Fatal(err)
		}
		old := planOf(t, oldAPI)
		oldPkg := typeCheck(t, imp, oldAPI)
		caller := callerOf(oldPkg)
		for _, kind := range mutationKinds {
			for i := 0; ; i++ {
				text, what, ok := mutate(t, data, kind, i)
				if !ok {
					break
				}
				api, err := loader.Load("new.yaml", text)
				if err != nil {
					continue // the edit made the spec invalid (e.g. its example no longer matches)
				}
				tried++
				changes := Compare(old, planOf(t, api))
				newPkg := typeCheck(t, imp, api)
				cerr := checkCaller(imp, newPkg, caller)
				if Breaking(changes) {
					breaking++
				}
				if (cerr != nil) != Breaking(changes) {
					t.Errorf("%s: %s: Compare says breaking=%v, the caller's type check says %v\nchanges: %v",
						filepath.Base(name), what, Breaking(changes), cerr, changes)
				}
			}
		}
	}
	t.Logf("%d edits, %d breaking", tried, breaking)
	if tried < 100 || breaking == 0 || breaking == tried {
		t.Errorf("%d edits of which %d breaking: the mutations do not exercise both verdicts", tried, breaking)
	}
}

// typeCheck generates api's client package (named p, path tst/p; not its
// mock package) and type-checks it.
func typeCheck(t *testing.T, imp types.Importer, api *model.API) *types.Package {
	t.Helper()
	files, err := generator.FromModel(api, generator.Config{Package: "p", ImportPath: "tst/p"})
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var asts []*ast.File
	for _, f := range files {
		if strings.Contains(f.Name, "/") {
			continue // the mock package
		}
		af, err := parser.ParseFile(fset, f.Name, f.Data, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		asts = append(asts, af)
	}
	pkg, err := (&types.Config{Importer: imp, IgnoreFuncBodies: true}).Check("tst/p", fset, asts, nil)
	if err != nil {
		t.Fatalf("generated package does not type-check: %v", err)
	}
	return pkg
}

// checkCaller type-checks the caller source against pkg.
func checkCaller(imp types.Importer, pkg *types.Package, src string) error {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "caller.go", src, 0)
	if err != nil {
		return fmt.Errorf("caller does not parse: %v\n%s", err, src)
	}
	conf := types.Config{Importer: importerFunc(func(path string) (*types.Package, error) {
		if path == pkg.Path() {
			return pkg, nil
		}
		return imp.Import(path)
	})}
	_, err = conf.Check("tst/caller", fset, []*ast.File{f}, nil)
	return err
}

// moduleImporter imports the standard library from export data and this
// module's packages (rt, which generated code imports) from source.
func moduleImporter() types.Importer {
	std := importer.ForCompiler(token.NewFileSet(), "gc", nil)
	cache := map[string]*types.Package{}
	var imp importerFunc
	imp = func(path string) (*types.Package, error) {
		rel, ok := strings.CutPrefix(path, "github.com/hwcorder/ordergen/")
		if !ok {
			return std.Import(path)
		}
		if p := cache[path]; p != nil {
			return p, nil
		}
		dir := filepath.Join("..", "..", filepath.FromSlash(rel))
		names, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		fset := token.NewFileSet()
		var files []*ast.File
		for _, n := range names {
			if strings.HasSuffix(n, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, n, nil, parser.SkipObjectResolution)
			if err != nil {
				return nil, err
			}
			files = append(files, f)
		}
		p, err := (&types.Config{Importer: imp, IgnoreFuncBodies: true}).Check(path, fset, files, nil)
		if err != nil {
			return nil, err
		}
		cache[path] = p
		return p, nil
	}
	return imp
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// unexported matches a reference to an unexported name of the package,
// which a caller cannot write.
var unexported = regexp.MustCompile(`\bp\.[\p{Ll}_]`)

// callerOf writes a program that names every exported declaration of pkg
// with its exact type: a value of each field, method, function, constant
// and variable is assigned to a variable of that type, struct types are
// built by composite literals, and other named types are passed to a
// generic function that requires their underlying type exactly.
func callerOf(pkg *types.Package) string {
	imports := map[string]string{}
	q := func(p *types.Package) string {
		imports[p.Path()] = p.Name()
		return p.Name()
	}
	ts := func(typ types.Type) string { return types.TypeString(typ, q) }
	var body, helpers []string
	use := func(typ types.Type, expr string) {
		line := fmt.Sprintf("\tvar _ %s = %s", ts(typ), expr)
		if !unexported.MatchString(line) {
			body = append(body, line)
		}
	}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		switch o := obj.(type) {
		case *types.TypeName:
			named, ok := o.Type().(*types.Named)
			if !ok {
				continue
			}
			tn := ts(named)
			v := "v" + name
			body = append(body, fmt.Sprintf("\tvar %s %s\n\t_ = &%s", v, tn, v))
			switch u := named.Underlying().(type) {
			case *types.Struct:
				body = append(body, fmt.Sprintf("\t_ = %s{}", tn))
				for i := range u.NumFields() {
					if f := u.Field(i); f.Exported() {
						use(f.Type(), v+"."+f.Name())
					}
				}
			case *types.Interface:
			default:
				// func under3[T ~int32]() {} compiles for T only when T's
				// underlying type is int32.
				decl := fmt.Sprintf("func under%d[T ~%s]() {}\n", len(helpers), ts(u))
				if !unexported.MatchString(decl) {
					body = append(body, fmt.Sprintf("\tunder%d[%s]()", len(helpers), tn))
					helpers = append(helpers, decl)
				}
			}
			ms := types.NewMethodSet(types.NewPointer(named))
			for i := range ms.Len() {
				if m := ms.At(i).Obj(); m.Exported() {
					use(m.Type(), v+"."+m.Name())
				}
			}
		case *types.Const, *types.Var, *types.Func:
			use(o.Type(), "p."+name)
		}
	}
	var b bytes.Buffer
	b.WriteString("package caller\n\nimport (\n")
	for _, path := range slices.Sorted(maps.Keys(imports)) {
		fmt.Fprintf(&b, "\t%s %q\n", imports[path], path)
	}
	b.WriteString(")\n\n" + strings.Join(helpers, "") + "\nfunc use() {\n")
	b.WriteString(strings.Join(body, "\n"))
	b.WriteString("\n}\n")
	return b.String()
}

// mutationKinds are the edits the differential test makes, each at every
// place of a spec where it applies.
var mutationKinds = []string{
	"operationId", "schema-name", "property-name", "required-drop", "required-flip",
	"format", "varname", "nullable", "enum-drop", "property-add",
}

// mutate applies the i-th edit of kind to the spec and says what it did;
// ok is false when the spec has fewer than i+1 places for it.
func mutate(t *testing.T, data []byte, kind string, i int) (out []byte, what string, ok bool) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	var refs [][2]string // $ref renames to apply after the walk
	site := func() bool { n++; return n-1 == i }
	var walk func(node *yaml.Node, path string)
	walk = func(node *yaml.Node, path string) {
		if node.Kind == yaml.SequenceNode {
			for j, c := range node.Content {
				walk(c, fmt.Sprintf("%s/%d", path, j))
			}
		}
		if node.Kind != yaml.MappingNode || what != "" {
			return
		}
		for j := 0; j+1 < len(node.Content) && what == ""; j += 2 {
			k, v := node.Content[j], node.Content[j+1]
			here := path + "/" + k.Value
			switch {
			case kind == "operationId" && k.Value == "operationId" && site():
				v.Value += "X"
				what = here + " renamed"
			case kind == "schema-name" && path == "/components/schemas" && site():
				refs = append(refs, [2]string{"#/components/schemas/" + k.Value, "#/components/schemas/" + k.Value + "X"})
				k.Value += "X"
				what = here + " renamed"
			case kind == "property-name" && k.Value == "properties" && v.Kind == yaml.MappingNode:
				for p := 0; p < len(v.Content); p += 2 {
					if site() {
						name := v.Content[p].Value
						what = here + "/" + name + " renamed"
						v.Content[p].Value += "_x"
						renameRequired(node, name)
						break
					}
				}
			case kind == "required-drop" && k.Value == "required" && v.Kind == yaml.SequenceNode:
				for e := range v.Content {
					if site() {
						what = here + " drops " + v.Content[e].Value
						v.Content = slices.Delete(v.Content, e, e+1)
						break
					}
				}
			case kind == "required-flip" && k.Value == "required" && v.Kind == yaml.ScalarNode && site():
				v.Value = map[string]string{"true": "false", "false": "true"}[v.Value]
				what = here + " flipped"
			case kind == "format" && k.Value == "format" && site():
				v.Value = map[string]string{"int32": "int64", "int64": "int32", "float": "double", "double": "float"}[v.Value]
				what = here + " changed"
			case kind == "varname" && k.Value == "x-enum-varnames":
				for _, e := range v.Content {
					if site() {
						e.Value += "_x"
						what = here + " entry " + e.Value
						break
					}
				}
			case kind == "nullable" && strings.HasSuffix(path, "/properties") && v.Kind == yaml.MappingNode && site():
				v.Content = append(v.Content, scalar("nullable"), scalar("true"))
				what = here + " made nullable"
			case kind == "enum-drop" && k.Value == "enum" && len(v.Content) > 1 && site():
				for m := 0; m+1 < len(node.Content); m += 2 {
					switch node.Content[m].Value {
					case "enum", "x-enum-varnames", "x-enum-descriptions":
						s := node.Content[m+1]
						s.Content = s.Content[:len(s.Content)-1]
					}
				}
				what = here + " drops its last value"
			case kind == "property-add" && k.Value == "properties" && v.Kind == yaml.MappingNode && site():
				v.Content = append(v.Content, scalar("zz_added"), &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map",
					Content: []*yaml.Node{scalar("type"), scalar("string")}})
				what = here + " gains a property"
			}
			walk(v, here)
		}
	}
	walk(doc.Content[0], "")
	if what == "" {
		return nil, "", false
	}
	for _, r := range refs {
		replaceScalars(&doc, r[0], r[1])
	}
	out, err := yaml.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	return out, kind + ": " + what, true
}

func scalar(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// renameRequired renames name in the required list of schema.
func renameRequired(schema *yaml.Node, name string) {
	for m := 0; m+1 < len(schema.Content); m += 2 {
		if schema.Content[m].Value == "required" {
			for _, e := range schema.Content[m+1].Content {
				if e.Value == name {
					e.Value += "_x"
				}
			}
		}
	}
}

func replaceScalars(n *yaml.Node, old, new string) {
	if n.Kind == yaml.ScalarNode && n.Value == old {
		n.Value = new
	}
	for _, c := range n.Content {
		replaceScalars(c, old, new)
	}
}
