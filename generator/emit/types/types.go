// Package types emits the schema-shaped part of a generated package: one Go
// type per named schema, enum constants, JSON decoding that reports what a
// value cannot hold (missing, null, wrong-typed and unknown members),
// redacting String methods, parameter structs and the Validate methods,
// which judge only the values. It reads the plan (and the spec facts it
// points at) and writes jennifer code.
package types

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/hwcorder/ordergen/generator/emit"
	"github.com/hwcorder/ordergen/generator/emit/rtid"
	"github.com/hwcorder/ordergen/generator/model"
	"github.com/hwcorder/ordergen/generator/plan"
)

// Emit returns types.gen.go, json.gen.go, validate.gen.go and
// params.gen.go for the planned package p.
func Emit(p *plan.Package) ([]emit.File, error) {
	api := p.API
	e := &emitter{api: api, plan: p, source: api.Source}
	pkg := p.Name
	types, js, val, params := jen.NewFile(pkg), jen.NewFile(pkg), jen.NewFile(pkg), jen.NewFile(pkg)
	for _, f := range []*jen.File{types, js, val, params} {
		f.ImportName(rtid.ImportPath, "rt")
	}
	for _, s := range api.Schemas {
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
	plan     *plan.Package
	source   string
	patterns []string // expressions used by validators, in first-use order
}

// isStruct reports whether s becomes a Go struct.
func isStruct(s *model.Schema) bool { return plan.IsStruct(s) }

// goType returns the Go type of a value of schema s, as planned.
func (e *emitter) goType(s *model.Schema) jen.Code { return e.plan.TypeOf(s).Code() }

// elemType returns the planned Go type of an array item or map value.
func (e *emitter) elemType(s *model.Schema) jen.Code { return e.plan.ElemType(s).Code() }

// nullableScalar reports whether s is a scalar that may be null.
func nullableScalar(s *model.Schema) bool { return plan.NullableScalar(s) }

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
	return []jen.Code{jen.Comment(doc), jen.Comment(""), jen.Comment(src), jen.Type().Id(s.GoName).Add(e.plan.Type(s).Underlying.Code()), jen.Line()}
}

// structDecl declares a struct with its hidden decoding state and the
// String, GoString and LogValue methods that redact secrets.
func (e *emitter) structDecl(s *model.Schema, doc, src string) []jen.Code {
	var fields []jen.Code
	for _, f := range e.plan.Type(s).Fields {
		p := f.Prop
		req := "Optional."
		if p.Required {
			req = "Required."
		}
		if p.Schema.Nullable {
			req += " May be null."
		}
		if p.Schema.ReadOnly {
			req += " Read-only: set by the service, never sent in a request."
		}
		if p.Schema.WriteOnly {
			req += " Write-only: sent in requests, never returned."
		}
		fields = append(fields,
			jen.Comment(docLines(f.Name, p.Description)+" "+req+constraintNote(p.Schema)+notes(p.Schema.Notes)),
			jen.Id(f.Name).Add(f.Type.Code()).Tag(map[string]string{"json": f.Tag}))
	}
	if x := e.plan.Type(s).Extra; x != "" {
		fields = append(fields,
			jen.Comment(x+" holds the members the schema does not declare (it allows any); they are"),
			jen.Comment("decoded, counted for minProperties and maxProperties, and encoded again."),
			jen.Id(x).Map(jen.String()).Any().Tag(map[string]string{"json": "-"}))
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

// notes renders the spec's x-doc-note texts (the decisions taken where the
// docs disagree) for a field comment.
func notes(ns []string) string {
	var b strings.Builder
	for _, n := range ns {
		b.WriteString(" Note: " + strings.Join(strings.Fields(n), " "))
	}
	return b.String()
}

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
		jen.Type().Id(s.GoName).Add(e.plan.Type(s).Underlying.Code()),
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
