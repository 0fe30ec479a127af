package plan

import (
	"github.com/dave/jennifer/jen"

	"github.com/hwcorder/ordergen/generator/emit/rtid"
	"github.com/hwcorder/ordergen/generator/model"
)

// GoType is a Go type of the generated package, decided once here.
type GoType struct {
	Kind   GoKind
	Name   string  // builtin name (GoBuiltin) or type name (GoNamed)
	Elem   *GoType // of a pointer, slice, map value or rt.Nullable
	Schema *model.Schema
}

// GoKind says what a GoType is.
type GoKind int

// The kinds of Go type.
const (
	GoBuiltin GoKind = iota
	GoNamed
	GoPointer
	GoSlice
	GoMap
	GoNullable
	GoAny
)

// Code renders t as jennifer code.
func (t *GoType) Code() jen.Code {
	switch t.Kind {
	case GoBuiltin:
		return jen.Id(t.Name)
	case GoNamed:
		return jen.Id(t.Name)
	case GoPointer:
		return jen.Op("*").Add(t.Elem.Code())
	case GoSlice:
		return jen.Index().Add(t.Elem.Code())
	case GoMap:
		return jen.Map(jen.String()).Add(t.Elem.Code())
	case GoNullable:
		return rtid.Nullable().Types(t.Elem.Code())
	}
	return jen.Any()
}

// QualCode renders t as seen from another package: named types qualified
// with the client package's import path.
func (t *GoType) QualCode(path string) jen.Code {
	switch t.Kind {
	case GoNamed:
		return jen.Qual(path, t.Name)
	case GoPointer:
		return jen.Op("*").Add(t.Elem.QualCode(path))
	case GoSlice:
		return jen.Index().Add(t.Elem.QualCode(path))
	case GoMap:
		return jen.Map(jen.String()).Add(t.Elem.QualCode(path))
	case GoNullable:
		return rtid.Nullable().Types(t.Elem.QualCode(path))
	}
	return t.Code()
}

// TypeOf returns the Go type of a value of schema s: its named type when
// it has one, else the builtin, slice or map that holds it.
func (p *Package) TypeOf(s *model.Schema) *GoType {
	if t := p.types[s]; t != nil {
		return &GoType{Kind: GoNamed, Name: t.Name, Schema: s}
	}
	return p.anon(s)
}

// ElemType returns the Go type of an array item or map value of schema s:
// a pointer for a nullable scalar or struct, so that null stays apart from
// a zero value.
func (p *Package) ElemType(s *model.Schema) *GoType {
	if NullableScalar(s) || IsStruct(s) && s.Nullable {
		return &GoType{Kind: GoPointer, Elem: p.TypeOf(s), Schema: s}
	}
	return p.TypeOf(s)
}

// anon is TypeOf for a schema without a name of its own. Widths follow the
// format: int32 and float hold 32 bits, everything else 64.
func (p *Package) anon(s *model.Schema) *GoType {
	b := func(n string) *GoType { return &GoType{Kind: GoBuiltin, Name: n, Schema: s} }
	switch s.Kind {
	case model.KindString:
		return b("string")
	case model.KindInteger:
		if s.Format == "int32" {
			return b("int32")
		}
		return b("int64")
	case model.KindNumber:
		// format: float is held as float64 too: validators compare the
		// value as sent, as kin-openapi does; a float32 would round it
		// first (maximum: 0.1 would reject 0.1).
		return b("float64")
	case model.KindBoolean:
		return b("bool")
	case model.KindArray:
		return &GoType{Kind: GoSlice, Elem: p.ElemType(s.Items), Schema: s}
	case model.KindObject:
		if s.AdditionalProperties != nil {
			return &GoType{Kind: GoMap, Elem: p.ElemType(s.AdditionalProperties), Schema: s}
		}
		return &GoType{Kind: GoMap, Elem: &GoType{Kind: GoAny}, Schema: s}
	}
	return &GoType{Kind: GoAny, Schema: s}
}

// Base returns the builtin Go type ("string", "bool", "int32", "int64",
// "float64") that holds a scalar of schema s, seeing through its named
// type; "" for other schemas.
func (p *Package) Base(s *model.Schema) string {
	t := p.TypeOf(s)
	if named := p.types[s]; named != nil {
		t = named.Underlying
	}
	if t == nil || t.Kind != GoBuiltin {
		return ""
	}
	return t.Name
}

// NullableScalar reports whether s is a string, number, integer or boolean
// that may be null.
func NullableScalar(s *model.Schema) bool {
	switch s.Kind {
	case model.KindString, model.KindInteger, model.KindNumber, model.KindBoolean:
		return s.Nullable
	}
	return false
}
