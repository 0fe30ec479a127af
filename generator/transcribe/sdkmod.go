package transcribe

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// SDKOp is what the official Huawei Cloud Go SDK's source says about one
// operation: its name, method and path (from the service's *_meta.go
// request definitions), and the models of its request body. It is read
// with go/parser only; nothing is built or imported.
type SDKOp struct {
	Dir          string // the services/SVC/VER directory read
	Operation    string // CreateQuotasOrder
	Method, Path string
	Body         string // the body model's type name, "" when none
	// Params are the request's path, query and header fields by JSON name.
	Params map[string]SDKField
	// Models holds every struct reached from the body, by type name.
	Models map[string]*SDKModel
}

// SDKModel is one struct of the SDK's model package.
type SDKModel struct {
	Name   string
	Fields []SDKField
}

// SDKField is one member of an SDK model.
type SDKField struct {
	Go, JSON string
	Doc      string // the member's doc comment
	// Required is set for a value member (no pointer, no omitempty), as
	// the SDK models a mandatory member.
	Required bool
	Type     SDKType
	In       string // path, query, header for request parameters
}

// SDKType is an SDK member's type in OpenAPI terms.
type SDKType struct {
	Kind   string // string, integer, number, boolean, object, array, "" (any)
	Format string // int32, int64, double, float, date-time
	Ref    string // struct type name, for objects
	Items  *SDKType
	Map    bool
	// Enum lists the values of an SDK enum type (a struct with one
	// "value" member and a GetXEnum function).
	Enum []string
}

// Model returns the struct named name, or nil.
func (o *SDKOp) Model(name string) *SDKModel {
	if o == nil {
		return nil
	}
	return o.Models[name]
}

// Field returns the member of m with JSON name j.
func (m *SDKModel) Field(j string) (SDKField, bool) {
	if m == nil {
		return SDKField{}, false
	}
	for _, f := range m.Fields {
		if f.JSON == j {
			return f, true
		}
	}
	return SDKField{}, false
}

// String renders a type as the pages would ("Array of string").
func (t SDKType) String() string {
	switch {
	case t.Kind == "array" && t.Items != nil:
		return "array of " + t.Items.String()
	case t.Map && t.Items != nil:
		return "map of " + t.Items.String()
	case t.Ref != "":
		return t.Ref
	case t.Format != "":
		return t.Kind + "/" + t.Format
	case t.Kind == "":
		return "any"
	}
	return t.Kind
}

// ReadSDK reads the operation whose method and path match from the SDK
// source in dir (a services/SVC/VER directory of the SDK module). Path
// parameters match whatever their names.
func ReadSDK(dir, method, path string) (*SDKOp, error) {
	metas, _ := filepath.Glob(filepath.Join(dir, "*_meta.go"))
	if len(metas) == 0 {
		return nil, fmt.Errorf("%s: no *_meta.go file: not a services/SVC/VER directory of the SDK", dir)
	}
	slices.Sort(metas)
	fset := token.NewFileSet()
	var found []*SDKOp
	var defs []*ast.FuncDecl
	for _, m := range metas {
		f, err := parser.ParseFile(fset, m, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || !strings.HasPrefix(fd.Name.Name, "GenReqDefFor") {
				continue
			}
			op := &SDKOp{Dir: dir, Operation: strings.TrimPrefix(fd.Name.Name, "GenReqDefFor"), Params: map[string]SDKField{}, Models: map[string]*SDKModel{}}
			op.Method, op.Path = reqDefRoute(fd)
			if strings.EqualFold(op.Method, method) && samePath(op.Path, path) {
				found = append(found, op)
				defs = append(defs, fd)
			}
		}
	}
	if len(found) == 0 {
		return nil, fmt.Errorf("%s: no operation for %s %s", dir, method, path)
	}
	// Several operations on one route (a deprecated one and its
	// successor): prefer the one that is not deprecated in the client.
	op, fd := found[0], defs[0]
	if len(found) > 1 {
		dep := deprecatedOps(dir)
		for i, o := range found {
			if !dep[o.Operation] {
				op, fd = o, defs[i]
				break
			}
		}
	}
	r := &sdkReader{dir: filepath.Join(dir, "model"), fset: fset, files: map[string]*ast.File{}}
	locs := reqDefLocations(fd)
	req := r.structOf(op.Operation + "Request")
	if req == nil {
		return nil, fmt.Errorf("%s: no model %sRequest", dir, op.Operation)
	}
	for _, f := range r.fields(req) {
		if f.Go == "Body" {
			op.Body = f.Type.Ref
			if op.Body == "" && f.Type.Items != nil {
				op.Body = f.Type.Items.Ref
			}
			continue
		}
		f.In = locs[f.Go]
		op.Params[f.JSON] = f
	}
	if op.Body != "" {
		r.walk(op, op.Body)
	}
	return op, nil
}

// samePath compares two paths with their parameter names blanked.
func samePath(a, b string) bool {
	blank := func(p string) string {
		var sb strings.Builder
		depth := 0
		for _, c := range p {
			switch {
			case c == '{':
				depth++
				sb.WriteString("{}")
			case c == '}':
				depth--
			case depth == 0:
				sb.WriteRune(c)
			}
		}
		return strings.TrimSuffix(sb.String(), "/")
	}
	return blank(a) == blank(b)
}

// reqDefRoute reads WithMethod(http.MethodPost) and WithPath("...") from a
// GenReqDefFor function.
func reqDefRoute(fd *ast.FuncDecl) (method, path string) {
	ast.Inspect(fd, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		switch sel.Sel.Name {
		case "WithMethod":
			if s, ok := call.Args[0].(*ast.SelectorExpr); ok {
				method = strings.ToUpper(strings.TrimPrefix(s.Sel.Name, "Method"))
			}
		case "WithPath":
			if l, ok := call.Args[0].(*ast.BasicLit); ok {
				path, _ = strconv.Unquote(l.Value)
			}
		}
		return true
	})
	return method, path
}

// reqDefLocations maps each request field's Go name to where it goes
// (WithName("X")...WithLocationType(def.Path)).
func reqDefLocations(fd *ast.FuncDecl) map[string]string {
	out := map[string]string{}
	ast.Inspect(fd, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "WithRequestField" || len(call.Args) != 1 {
			return true
		}
		var name, loc string
		ast.Inspect(call.Args[0], func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok || len(c.Args) != 1 {
				return true
			}
			s, ok := c.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			switch s.Sel.Name {
			case "WithName":
				if l, ok := c.Args[0].(*ast.BasicLit); ok {
					name, _ = strconv.Unquote(l.Value)
				}
			case "WithLocationType":
				if x, ok := c.Args[0].(*ast.SelectorExpr); ok {
					loc = strings.ToLower(x.Sel.Name)
				}
			}
			return true
		})
		if name != "" {
			out[name] = loc
		}
		return false
	})
	return out
}

// deprecatedOps lists the client methods marked "// Deprecated:".
func deprecatedOps(dir string) map[string]bool {
	out := map[string]bool{}
	clients, _ := filepath.Glob(filepath.Join(dir, "*_client.go"))
	for _, c := range clients {
		f, err := parser.ParseFile(token.NewFileSet(), c, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Doc != nil && strings.Contains(fd.Doc.Text(), "Deprecated:") {
				out[fd.Name.Name] = true
			}
		}
	}
	return out
}

// sdkReader parses model files on demand.
type sdkReader struct {
	dir   string
	fset  *token.FileSet
	files map[string]*ast.File // by type name
	all   []string
}

// fileOf parses the file that declares type name: model_<snake>.go, else
// any model file that declares it.
func (r *sdkReader) fileOf(name string) *ast.File {
	if f, ok := r.files[name]; ok {
		return f
	}
	try := func(path string) *ast.File {
		data, err := os.ReadFile(path)
		if err != nil || !bytes.Contains(data, []byte("type "+name+" struct")) {
			return nil
		}
		f, err := parser.ParseFile(r.fset, path, data, parser.SkipObjectResolution|parser.ParseComments)
		if err != nil {
			return nil
		}
		return f
	}
	f := try(filepath.Join(r.dir, "model_"+snake(name)+".go"))
	if f == nil {
		if r.all == nil {
			r.all, _ = filepath.Glob(filepath.Join(r.dir, "*.go"))
			slices.Sort(r.all)
		}
		for _, p := range r.all {
			if f = try(p); f != nil {
				break
			}
		}
	}
	r.files[name] = f
	return f
}

// structOf returns the struct type name declares.
func (r *sdkReader) structOf(name string) *ast.StructType {
	f := r.fileOf(name)
	if f == nil {
		return nil
	}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, s := range g.Specs {
			if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.Name == name {
				st, _ := ts.Type.(*ast.StructType)
				return st
			}
		}
	}
	return nil
}

// fields reads the members of a struct.
func (r *sdkReader) fields(st *ast.StructType) []SDKField {
	var out []SDKField
	for _, fl := range st.Fields.List {
		if len(fl.Names) != 1 || fl.Tag == nil {
			continue
		}
		tag, _ := strconv.Unquote(fl.Tag.Value)
		j := reflectTag(tag, "json")
		name, opts, _ := strings.Cut(j, ",")
		if name == "-" {
			continue
		}
		_, ptr := fl.Type.(*ast.StarExpr)
		f := SDKField{Go: fl.Names[0].Name, JSON: name, Type: r.typeOf(fl.Type), Doc: strings.TrimSpace(fl.Doc.Text())}
		f.Required = !ptr && !strings.Contains(opts, "omitempty")
		out = append(out, f)
	}
	return out
}

// reflectTag is reflect.StructTag.Get without reflect.
func reflectTag(tag, key string) string {
	for _, part := range strings.Fields(tag) {
		k, v, ok := strings.Cut(part, ":")
		if ok && k == key {
			s, _ := strconv.Unquote(v)
			return s
		}
	}
	return ""
}

// typeOf maps a Go type expression of the model package to OpenAPI terms.
func (r *sdkReader) typeOf(e ast.Expr) SDKType {
	switch t := e.(type) {
	case *ast.StarExpr:
		return r.typeOf(t.X)
	case *ast.ArrayType:
		it := r.typeOf(t.Elt)
		return SDKType{Kind: "array", Items: &it}
	case *ast.MapType:
		it := r.typeOf(t.Value)
		return SDKType{Kind: "object", Map: true, Items: &it}
	case *ast.InterfaceType:
		return SDKType{}
	case *ast.SelectorExpr:
		if t.Sel.Name == "SdkTime" {
			return SDKType{Kind: "string", Format: "date-time"}
		}
		return SDKType{}
	case *ast.Ident:
		switch t.Name {
		case "string":
			return SDKType{Kind: "string"}
		case "int32", "int", "int16", "int8":
			return SDKType{Kind: "integer", Format: "int32"}
		case "int64":
			return SDKType{Kind: "integer", Format: "int64"}
		case "float64":
			return SDKType{Kind: "number", Format: "double"}
		case "float32":
			return SDKType{Kind: "number", Format: "float"}
		case "bool":
			return SDKType{Kind: "boolean"}
		case "any":
			return SDKType{}
		}
		if et, ok := r.enumOf(t.Name); ok {
			return et
		}
		return SDKType{Kind: "object", Ref: t.Name}
	}
	return SDKType{}
}

// enumOf reads an SDK enum type: struct{ value T } with a GetXEnum
// function listing the values.
func (r *sdkReader) enumOf(name string) (SDKType, bool) {
	st := r.structOf(name)
	if st == nil || len(st.Fields.List) != 1 || len(st.Fields.List[0].Names) != 1 || st.Fields.List[0].Names[0].Name != "value" {
		return SDKType{}, false
	}
	out := r.typeOf(st.Fields.List[0].Type)
	f := r.fileOf(name)
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Name.Name != "Get"+name+"Enum" {
			continue
		}
		ast.Inspect(fd, func(n ast.Node) bool {
			kv, ok := n.(*ast.KeyValueExpr)
			if !ok {
				return true
			}
			if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "value" {
				out.Enum = append(out.Enum, literal(kv.Value))
			}
			return true
		})
	}
	return out, true
}

// literal renders a basic literal (a string unquoted, a number as written).
func literal(e ast.Expr) string {
	switch v := e.(type) {
	case *ast.BasicLit:
		if v.Kind == token.STRING {
			s, _ := strconv.Unquote(v.Value)
			return s
		}
		return v.Value
	case *ast.UnaryExpr:
		return v.Op.String() + literal(v.X)
	case *ast.Ident:
		return v.Name
	}
	return ""
}

// walk reads the struct name and every struct reached from it.
func (r *sdkReader) walk(op *SDKOp, name string) {
	if _, ok := op.Models[name]; ok {
		return
	}
	st := r.structOf(name)
	if st == nil {
		return
	}
	m := &SDKModel{Name: name, Fields: r.fields(st)}
	op.Models[name] = m
	for _, f := range m.Fields {
		if ref := f.Type.ref(); ref != "" {
			r.walk(op, ref)
		}
	}
}

// ref returns the struct a type names, looking through arrays and maps.
func (t SDKType) ref() string {
	for t.Items != nil {
		t = *t.Items
	}
	return t.Ref
}

// snake turns a Go type name into the SDK's file-name form:
// CreateDbOmInstancePeriodRequestBody -> create_db_om_instance_period_request_body.
func snake(s string) string {
	rs := []rune(s)
	var sb strings.Builder
	for i, c := range rs {
		if unicode.IsUpper(c) && i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1])) {
			sb.WriteByte('_')
		}
		sb.WriteRune(unicode.ToLower(c))
	}
	return sb.String()
}
