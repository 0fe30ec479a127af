// Package plan decides the Go shape of a generated package before any code
// is written: the Go name and type of every schema, field, parameter,
// operation and constant, how each member's presence is held (value,
// pointer, nil-able, rt.Nullable), and which file declares it. Every name
// the package declares sits in one table (Decls), so collisions of any kind
// are found here and reported as located errors, never as Go that does not
// compile. Emitters read only the plan; none re-derives a name or a type.
//
// It imports the model and jennifer (for GoType.Code); never the loader.
package plan

import (
	"errors"
	"fmt"
	"go/token"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hwcorder/ordergen/generator/model"
)

// Package is the plan of one generated package and its mock package.
type Package struct {
	API *model.API
	// Name is the client package's name; MockName the mock package's
	// (Name + "mock"), written to the directory of the same name below.
	Name     string
	MockName string
	// ImportPath is the client package's import path, which the mock
	// package imports.
	ImportPath string
	Types      []*Type // in api.Schemas order (sorted by Go name)
	Ops        []*Op   // in api.Operations order
	// Decls is every package-level name of the client package, sorted.
	Decls []Decl

	types  map[*model.Schema]*Type
	fields map[*model.Property]*Field
}

// Decl is one package-level name and what declares it.
type Decl struct {
	Name string
	What string // e.g. "schema", "enum constant", "support alias"
	Pos  model.Pos
	Ptr  string
}

// Type is a named Go type of the client package.
type Type struct {
	Name   string
	Schema *model.Schema
	Kind   TypeKind
	Fields []*Field // for structs, in the spec's order
	// Underlying is the Go type a non-struct named type is defined as.
	Underlying *GoType
	// Extra names the map field that keeps the members an open struct
	// (additionalProperties not false) does not declare, so that they
	// survive a round trip and count for minProperties; "" for a closed
	// struct.
	Extra string
}

// TypeKind says what a named type is.
type TypeKind int

// The kinds of named type.
const (
	KindStruct TypeKind = iota // an object with properties, or a closed one
	KindEnum                   // a scalar with constants
	KindOther                  // a named array, map or scalar
)

// Presence is how a field holds its member's presence. A value's verdict
// depends only on what it holds: the decoder reports what was absent or
// null where the schema forbids it, and Validate judges the Go value as it
// would be encoded.
type Presence int

// The presence shapes.
const (
	// Value: a required, non-nullable scalar, enum or struct.
	Value Presence = iota
	// Pointer: an optional member (nil is absent) or a required nullable
	// one (nil is null).
	Pointer
	// Nilable: a slice, map or any; nil is absent for an optional member,
	// null for a required one.
	Nilable
	// Nullable: an optional member that may be null, held in
	// rt.Nullable[T] (absent, null or a value).
	Nullable
)

// Field is one property of a struct.
type Field struct {
	Name     string // Go field name
	Prop     *model.Property
	Presence Presence
	Type     *GoType // the field's full Go type
	Elem     *GoType // the member's value type (Type without the presence wrapper)
	Tag      string  // json struct tag value
	// Required: the decoder reports the member missing (a required member
	// that is neither readOnly nor writeOnly).
	Required bool
	// ReadOnly: Validate reports the member when a request carries it.
	ReadOnly bool
	// WriteOnlyRequired: a required writeOnly member, which Validate
	// requires in a request while the decoder accepts responses without.
	WriteOnlyRequired bool
}

// Op is one operation.
type Op struct {
	Op      *model.Operation
	Name    string // client method name
	Params  string // parameter struct type name
	Handler string // unexported handler function name in the mock package
	Fields  []*ParamField
}

// ParamField is one parameter in an operation's parameter struct.
type ParamField struct {
	Name    string
	Param   *model.Param
	Type    *GoType // full field type
	Pointer bool    // an optional scalar, held through a pointer
}

// extraField is the field of an open struct that keeps undeclared members;
// a property of that Go name gets the suffix "Field".
const extraField = "AdditionalProperties"

// Methods every generated struct declares; a property whose Go name is
// one of them gets the suffix "Field" (see docs/architecture.md).
var structMethods = []string{"GoString", "LogValue", "MarshalJSON", "String", "UnmarshalJSON", "Validate"}

// supportDecls are the names every client package declares besides the
// spec's: aliases of and wrappers over rt.
var supportDecls = []string{
	"APIError", "Client", "DecodeError", "NewClient", "Nullable", "Option",
	"ValidationError", "Violation", "WithAKSK", "WithHTTPClient", "WithProjectID",
	"WithRetry", "WithToken", "WithUserAgent", "WithoutValidation",
}

// SupportDecls lists the names every client package declares besides the
// spec's, sorted.
func SupportDecls() []string { return slices.Clone(supportDecls) }

// Build plans the package named name for api; importPath is the client
// package's import path. All problems are returned at once, located.
func Build(api *model.API, name, importPath string) (*Package, error) {
	p := &Package{API: api, Name: name, MockName: name + "mock", ImportPath: importPath,
		types: map[*model.Schema]*Type{}, fields: map[*model.Property]*Field{}}
	var errs []locErr
	if !token.IsIdentifier(name) || token.IsKeyword(name) {
		errs = append(errs, locErr{model.Pos{File: api.Source}, "", fmt.Sprintf("package name %q is not a Go identifier", name)})
	}
	for _, s := range api.Schemas {
		t := &Type{Name: s.GoName, Schema: s}
		switch {
		case IsStruct(s):
			t.Kind = KindStruct
		case len(s.Enum) > 0:
			t.Kind = KindEnum
			t.Underlying = p.anon(s)
		default:
			t.Kind = KindOther
			t.Underlying = p.anon(s)
		}
		p.types[s] = t
		p.Types = append(p.Types, t)
	}
	for _, t := range p.Types {
		if t.Kind == KindStruct {
			if !t.Schema.ForbidAdditional {
				t.Extra = extraField
			}
			errs = append(errs, p.planFields(t)...)
		}
	}
	for _, o := range api.Operations {
		op := &Op{Op: o, Name: o.GoName, Params: o.ParamsGoName, Handler: "handle" + o.GoName}
		for _, prm := range o.Params {
			f := &ParamField{Name: ParamFieldName(prm), Param: prm}
			f.Type = p.TypeOf(prm.Schema)
			if !prm.Required && prm.Schema.Kind != model.KindArray {
				f.Pointer = true
				f.Type = &GoType{Kind: GoPointer, Elem: f.Type}
			}
			op.Fields = append(op.Fields, f)
		}
		p.Ops = append(p.Ops, op)
	}
	errs = append(errs, p.declare()...)
	if len(errs) > 0 {
		return nil, joinSorted(errs)
	}
	return p, nil
}

// planFields names and types the fields of struct t.
func (p *Package) planFields(t *Type) []locErr {
	var errs []locErr
	byName := map[string]*model.Property{}
	for _, prop := range t.Schema.Properties {
		name := exported(prop.GoName)
		if slices.Contains(structMethods, name) || t.Extra != "" && name == t.Extra {
			name += "Field"
		}
		if prev, dup := byName[name]; dup {
			errs = append(errs, locErr{prop.Pos, prop.Pointer, fmt.Sprintf(
				"properties %q and %q (%s) both become Go field %s.%s; rename one with x-go-name", prev.Name, prop.Name, prev.Pos, t.Name, name)})
			continue
		}
		byName[name] = prop
		s := prop.Schema
		// A required readOnly member need not be sent in a request, nor a
		// required writeOnly one come back in a response: both are held as
		// optional, and Validate (which judges a request) checks them.
		req := prop.Required && !s.ReadOnly && !s.WriteOnly
		f := &Field{Name: name, Prop: prop, Elem: p.TypeOf(prop.Schema), Required: req,
			ReadOnly: s.ReadOnly, WriteOnlyRequired: prop.Required && s.WriteOnly && !s.ReadOnly}
		collection := !IsStruct(s) && (s.Kind == model.KindArray || s.Kind == model.KindObject)
		switch {
		case collection && !req && s.Nullable:
			// absent, null and a value differ (they count differently for
			// minProperties): rt.Nullable holds all three.
			f.Presence, f.Type = Nullable, &GoType{Kind: GoNullable, Elem: f.Elem}
		case collection || s.Kind == model.KindAny:
			f.Presence, f.Type = Nilable, f.Elem
		case !req && s.Nullable:
			f.Presence, f.Type = Nullable, &GoType{Kind: GoNullable, Elem: f.Elem}
		case !req || s.Nullable:
			f.Presence, f.Type = Pointer, &GoType{Kind: GoPointer, Elem: f.Elem}
		default:
			f.Presence, f.Type = Value, f.Elem
		}
		f.Tag = prop.Name
		switch {
		case f.Presence == Pointer && !req:
			f.Tag += ",omitempty"
		case (f.Presence == Nilable || f.Presence == Nullable) && !req:
			f.Tag += ",omitzero"
		}
		if s.Kind == model.KindAny && !req {
			f.Tag = prop.Name + ",omitempty"
		}
		p.fields[prop] = f
		t.Fields = append(t.Fields, f)
	}
	return errs
}

// ParamFieldName is the Go field name of parameter prm in its
// operation's parameter struct.
func ParamFieldName(prm *model.Param) string { return exported(prm.GoName) }

// Delimiter is the delimiter between the items of an array parameter
// written as one value (query without explode, path, header): "," for
// form and simple, " " for spaceDelimited, "|" for pipeDelimited.
func Delimiter(prm *model.Param) string {
	switch prm.Style {
	case "spaceDelimited":
		return " "
	case "pipeDelimited":
		return "|"
	}
	return ","
}

// Exploded reports whether the items of array query parameter prm are
// written as repeated members (ids=1&ids=2): explode, or no style given
// (form's default).
func Exploded(prm *model.Param) bool { return prm.Explode || prm.Style == "" }

// exported makes a Go name exported: names that start with a letter
// without case (a non-ASCII property name) get the prefix X.
func exported(name string) string {
	r, _ := utf8.DecodeRuneInString(name)
	if !unicode.IsUpper(r) {
		return "X" + name
	}
	return name
}

// declare fills Decls and reports names declared twice.
func (p *Package) declare() []locErr {
	var errs []locErr
	seen := map[string]Decl{}
	add := func(d Decl) {
		if prev, dup := seen[d.Name]; dup {
			errs = append(errs, locErr{d.Pos, d.Ptr, fmt.Sprintf("Go name %s of this %s is already the name of the %s at %s", d.Name, d.What, prev.What, where(prev))})
			return
		}
		seen[d.Name] = d
		p.Decls = append(p.Decls, d)
	}
	for _, n := range supportDecls {
		add(Decl{Name: n, What: "support declaration"})
	}
	for _, t := range p.Types {
		add(Decl{Name: t.Name, What: "schema type", Pos: t.Schema.Pos, Ptr: t.Schema.Pointer})
		for _, ev := range t.Schema.Enum {
			if t.Kind == KindEnum {
				add(Decl{Name: ev.GoName, What: "enum constant", Pos: t.Schema.Pos, Ptr: t.Schema.Pointer})
			}
		}
	}
	for _, op := range p.Ops {
		add(Decl{Name: op.Params, What: "parameter type of " + op.Op.ID, Pos: op.Op.Pos, Ptr: op.Op.Pointer})
	}
	methods := map[string]bool{}
	for _, op := range p.Ops {
		if methods[op.Name] {
			errs = append(errs, locErr{op.Op.Pos, op.Op.Pointer, "two operations become client method " + op.Name})
		}
		methods[op.Name] = true
	}
	slices.SortFunc(p.Decls, func(a, b Decl) int { return strings.Compare(a.Name, b.Name) })
	return errs
}

func where(d Decl) string {
	if d.Pos.File == "" {
		return "the support code (reserved)"
	}
	return d.Pos.String()
}

// Type returns the named type planned for s, or nil.
func (p *Package) Type(s *model.Schema) *Type { return p.types[s] }

// Field returns the field planned for property prop.
func (p *Package) Field(prop *model.Property) *Field { return p.fields[prop] }

// Op returns the plan of operation o.
func (p *Package) Op(o *model.Operation) *Op {
	for _, op := range p.Ops {
		if op.Op == o {
			return op
		}
	}
	return nil
}

// IsStruct reports whether s becomes a Go struct: an object with
// properties, or one that allows no members beyond nothing.
func IsStruct(s *model.Schema) bool {
	return s.Kind == model.KindObject && (len(s.Properties) > 0 || s.AdditionalProperties == nil)
}

// locErr is one located problem.
type locErr struct {
	pos model.Pos
	ptr string
	msg string
}

func (e locErr) Error() string {
	if e.ptr == "" {
		return e.pos.String() + ": " + e.msg
	}
	return e.pos.String() + ": " + e.ptr + ": " + e.msg
}

func joinSorted(errs []locErr) error {
	slices.SortStableFunc(errs, func(a, b locErr) int {
		if c := strings.Compare(a.pos.File, b.pos.File); c != 0 {
			return c
		}
		if a.pos.Line != b.pos.Line {
			return a.pos.Line - b.pos.Line
		}
		return a.pos.Col - b.pos.Col
	})
	out := make([]error, len(errs))
	for i, e := range errs {
		out[i] = e
	}
	return errors.Join(out...)
}
