// Package types emits the schema-shaped part of a generated package: one Go
// type per named schema, enum constants, JSON decoding that records which
// members came, redacting String methods, parameter structs and the
// Validate methods. It reads only the model and writes jennifer code.
package types

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/hwcorder/ordergen/generator/emit"
	"github.com/hwcorder/ordergen/generator/model"
)

// Emit returns types.gen.go, json.gen.go, validate.gen.go and
// params.gen.go for api, in package pkg.
func Emit(api *model.API, pkg string) ([]emit.File, error) {
	e := &emitter{api: api, source: api.Source}
	types, js, val, params := jen.NewFile(pkg), jen.NewFile(pkg), jen.NewFile(pkg), jen.NewFile(pkg)
	for _, s := range api.Schemas {
		if s.GoName == "" {
			return nil, fmt.Errorf("%s: %s: schema has no Go name", s.Pos, s.Pointer)
		}
		addAll(types, e.typeDecl(s))
		addAll(js, e.decoder(s))
		addAll(val, e.validateDecl(s))
	}
	for _, op := range api.Operations {
		addAll(params, e.paramsDecl(op))
	}
	decls, err := e.patternDecls()
	if err != nil {
		return nil, err
	}
	if len(decls) > 0 {
		val.Comment("Compiled once; read-only afterwards.")
		addAll(val, decls)
	}
	return []emit.File{
		{Name: "types.gen.go", Code: types},
		{Name: "json.gen.go", Code: js},
		{Name: "validate.gen.go", Code: val},
		{Name: "params.gen.go", Code: params},
	}, nil
}

// addAll adds each declaration to f as a statement of its own.
func addAll(f *jen.File, decls []jen.Code) {
	for _, d := range decls {
		f.Add(d)
	}
}

type emitter struct {
	api      *model.API
	source   string
	patterns []string // expressions used by validators, in first-use order
}

// isStruct reports whether s becomes a Go struct.
func isStruct(s *model.Schema) bool {
	return s.Kind == model.KindObject && (len(s.Properties) > 0 || s.AdditionalProperties == nil)
}

// GoType returns the Go type the generated package gives values of schema
// s; the other emitters use it so that all agree.
func GoType(s *model.Schema) jen.Code { return goType(s) }

// goType returns the Go type of a value of schema s.
func goType(s *model.Schema) jen.Code {
	if s.GoName != "" {
		return jen.Id(s.GoName)
	}
	return anonType(s)
}

// anonType is goType for a schema that has no name of its own.
func anonType(s *model.Schema) jen.Code {
	switch s.Kind {
	case model.KindString:
		return jen.String()
	case model.KindInteger:
		if s.Format == "int32" {
			return jen.Int32()
		}
		return jen.Int64()
	case model.KindNumber:
		if s.Format == "float" {
			return jen.Float32()
		}
		return jen.Float64()
	case model.KindBoolean:
		return jen.Bool()
	case model.KindArray:
		return jen.Index().Add(elemType(s.Items))
	case model.KindObject:
		if s.AdditionalProperties != nil {
			return jen.Map(jen.String()).Add(elemType(s.AdditionalProperties))
		}
		return jen.Map(jen.String()).Any()
	}
	return jen.Any()
}

// elemType returns the Go type of an array item or map value of schema s:
// a pointer for a nullable scalar, so that null stays apart from zero.
func elemType(s *model.Schema) jen.Code {
	if nullableScalar(s) {
		return jen.Op("*").Add(goType(s))
	}
	return goType(s)
}

// nullableScalar reports whether s is a string, number, integer or boolean
// that may be null.
func nullableScalar(s *model.Schema) bool {
	switch s.Kind {
	case model.KindString, model.KindInteger, model.KindNumber, model.KindBoolean:
		return s.Nullable
	}
	return false
}

// fieldShape says how a property is held in its struct.
type fieldShape int

const (
	shapeValue   fieldShape = iota // required, non-nullable scalar or struct
	shapePointer                   // optional or nullable scalar or struct
	shapeNilable                   // slice, map or any: nil means absent
)

func shapeOf(p *model.Property) fieldShape {
	s := p.Schema
	switch {
	case s.Kind == model.KindArray, s.Kind == model.KindAny,
		s.Kind == model.KindObject && !isStruct(s):
		return shapeNilable
	case !p.Required || s.Nullable:
		return shapePointer
	}
	return shapeValue
}

// fieldType returns the Go type of property p in its struct.
func fieldType(p *model.Property) jen.Code {
	if shapeOf(p) == shapePointer {
		return jen.Op("*").Add(goType(p.Schema))
	}
	return goType(p.Schema)
}

// docLines turns spec text into comment lines that start with name.
func docLines(name, text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if text == "" {
		return name + " has no description in the spec."
	}
	return name + ": " + text
}

// typeDecl declares the Go type for named schema s.
func (e *emitter) typeDecl(s *model.Schema) []jen.Code {
	doc := docLines(s.GoName, s.Description)
	src := fmt.Sprintf("Source: %s %s.", e.source, s.Pointer)
	switch {
	case isStruct(s):
		return e.structDecl(s, doc, src)
	case len(s.Enum) > 0:
		return e.enumDecl(s, doc, src)
	}
	return []jen.Code{jen.Comment(doc), jen.Comment(""), jen.Comment(src), jen.Type().Id(s.GoName).Add(anonType(s)), jen.Line()}
}

// structDecl declares a struct with its hidden decoding state and the
// String, GoString and LogValue methods that redact secrets.
func (e *emitter) structDecl(s *model.Schema, doc, src string) []jen.Code {
	var fields []jen.Code
	for _, p := range s.Properties {
		tag := p.Name
		switch shapeOf(p) {
		case shapePointer:
			tag += ",omitempty"
		case shapeNilable:
			if !p.Required {
				tag += ",omitzero"
			}
		}
		req := "Optional."
		if p.Required {
			req = "Required."
		}
		fields = append(fields,
			jen.Comment(docLines(p.GoName, p.Description)+" "+req+constraintNote(p.Schema)),
			jen.Id(p.GoName).Add(fieldType(p)).Tag(map[string]string{"json": tag}))
	}
	fields = append(fields,
		jen.Line(),
		jen.Comment("Decoding state, set by UnmarshalJSON and read by Validate."),
		jen.Id("xMissing").Uint64().Comment("required members that were absent"),
		jen.Id("xNull").Uint64().Comment("members that were null"),
		jen.Id("xNullElem").Uint64().Comment("array members holding a null element"),
		jen.Id("xIsNull").Bool().Comment("the value itself was null"),
	)
	if s.ForbidAdditional {
		fields = append(fields, jen.Id("xUnknown").Index().String().Comment("members the schema does not allow"))
	}
	out := []jen.Code{
		jen.Comment(doc), jen.Comment(""), jen.Comment(src),
		jen.Type().Id(s.GoName).Struct(fields...),
		jen.Line(),
	}
	return append(out, e.redactMethods(s)...)
}

// constraintNote summarises a schema's constraints for a field comment.
func constraintNote(s *model.Schema) string {
	var parts []string
	if len(s.Enum) > 0 {
		parts = append(parts, "one of "+enumList(s))
	}
	if s.Min != nil {
		parts = append(parts, "minimum "+num(*s.Min))
	}
	if s.Max != nil {
		parts = append(parts, "maximum "+num(*s.Max))
	}
	if s.MinLength > 0 {
		parts = append(parts, fmt.Sprintf("at least %d characters", s.MinLength))
	}
	if s.MaxLength != nil {
		parts = append(parts, fmt.Sprintf("at most %d characters", *s.MaxLength))
	}
	if s.Password() {
		parts = append(parts, "secret: redacted when printed")
	}
	if len(parts) == 0 {
		return ""
	}
	return " Constraints: " + strings.Join(parts, "; ") + "."
}

func num(f float64) string { return fmt.Sprint(f) }

// enumList renders the allowed values as the messages show them.
func enumList(s *model.Schema) string {
	vals := make([]string, len(s.Enum))
	for i, ev := range s.Enum {
		if str, ok := ev.Value.(string); ok {
			vals[i] = fmt.Sprintf("%q", str)
		} else {
			vals[i] = fmt.Sprint(ev.Value)
		}
	}
	return strings.Join(vals, ", ")
}

// enumDecl declares a named scalar with one constant per allowed value.
func (e *emitter) enumDecl(s *model.Schema, doc, src string) []jen.Code {
	var consts []jen.Code
	for _, ev := range s.Enum {
		c := jen.Id(ev.GoName).Id(s.GoName).Op("=").Lit(litValue(s, ev.Value))
		if ev.Description != "" {
			consts = append(consts, jen.Comment(docLines(ev.GoName, ev.Description)))
		}
		consts = append(consts, c)
	}
	// func (v T) Valid() bool { switch v { case A, B: return true }; return false }
	cases := make([]jen.Code, len(s.Enum))
	for i, ev := range s.Enum {
		cases[i] = jen.Id(ev.GoName)
	}
	return []jen.Code{
		jen.Comment(doc), jen.Comment(""), jen.Comment(src),
		jen.Type().Id(s.GoName).Add(anonType(s)),
		jen.Line(),
		jen.Comment(fmt.Sprintf("The values %s allows.", s.GoName)),
		jen.Const().Defs(consts...),
		jen.Line(),
		jen.Comment(fmt.Sprintf("Valid reports whether v is one of the values the spec allows (%s).", enumList(s))),
		jen.Func().Params(jen.Id("v").Id(s.GoName)).Id("Valid").Params().Bool().Block(
			jen.Switch(jen.Id("v")).Block(jen.Case(cases...).Block(jen.Return(jen.True()))),
			jen.Return(jen.False()),
		),
		jen.Line(),
	}
}

// litValue converts a decoded enum value to the Go literal of s's type.
func litValue(s *model.Schema, v any) any {
	switch s.Kind {
	case model.KindInteger:
		switch x := v.(type) {
		case int64:
			return int(x)
		case float64:
			return int(x)
		case int:
			return x
		}
	case model.KindNumber:
		switch x := v.(type) {
		case int64:
			return float64(x)
		case int:
			return float64(x)
		}
	}
	return v
}
