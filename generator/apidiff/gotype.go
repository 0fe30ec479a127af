package apidiff

import (
	"strings"

	"github.com/hwcorder/ordergen/generator/model"
)

// The functions below state, as text, the Go type the generated package
// gives each value. They follow the rules of generator/emit/types and the
// client's method signatures; TestBreakingIffCallerBreaks holds the two
// together by type-checking the emitted code.

// goType is the Go type of a value of schema s.
func goType(s *model.Schema) string {
	if s.GoName != "" {
		return s.GoName
	}
	return anonType(s)
}

// anonType is the type of a schema without a name: also the underlying
// type of a named one that is not a struct.
func anonType(s *model.Schema) string {
	switch s.Kind {
	case model.KindString:
		return "string"
	case model.KindInteger:
		if s.Format == "int32" {
			return "int32"
		}
		return "int64"
	case model.KindNumber:
		if s.Format == "float" {
			return "float32"
		}
		return "float64"
	case model.KindBoolean:
		return "bool"
	case model.KindArray:
		return "[]" + elemType(s.Items)
	case model.KindObject:
		if s.AdditionalProperties != nil {
			return "map[string]" + elemType(s.AdditionalProperties)
		}
		return "map[string]any"
	}
	return "any"
}

// elemType is the type of an array item or map value: a pointer for a
// nullable scalar.
func elemType(s *model.Schema) string {
	if nullableScalar(s) {
		return "*" + goType(s)
	}
	return goType(s)
}

func nullableScalar(s *model.Schema) bool {
	switch s.Kind {
	case model.KindString, model.KindInteger, model.KindNumber, model.KindBoolean:
		return s.Nullable
	}
	return false
}

// isStruct reports whether a named schema becomes a Go struct.
func isStruct(s *model.Schema) bool {
	return s.Kind == model.KindObject && (len(s.Properties) > 0 || s.AdditionalProperties == nil)
}

// underlying describes a named type's underlying type: "struct", or the
// type it is defined as.
func underlying(s *model.Schema) string {
	if isStruct(s) {
		return "struct"
	}
	return anonType(s)
}

// fieldType is the Go type of property p in its struct: slices, maps and
// any hold absence as nil; other optional or nullable members are
// pointers.
func fieldType(p *model.Property) string {
	s := p.Schema
	switch {
	case s.Kind == model.KindArray, s.Kind == model.KindAny, s.Kind == model.KindObject && !isStruct(s):
		return goType(s)
	case !p.Required || s.Nullable:
		return "*" + goType(s)
	}
	return goType(s)
}

// paramType is the Go type of parameter p in its operation's Params
// struct.
func paramType(p *model.Param) string {
	if !p.Required && p.Schema.Kind != model.KindArray {
		return "*" + goType(p.Schema)
	}
	return goType(p.Schema)
}

// signature is the client method's type, as func(...) (...).
func signature(op *model.Operation) string {
	in := []string{"context.Context", "*" + op.ParamsGoName}
	if op.Body != nil && op.Body.Schema != nil {
		in = append(in, "*"+goType(op.Body.Schema))
	}
	out := "error"
	if ok := op.Success(); ok != nil && ok.Schema != nil {
		out = "(*" + goType(ok.Schema) + ", error)"
	}
	return "func(" + strings.Join(in, ", ") + ") " + out
}
