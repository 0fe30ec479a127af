package types

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/hwcorder/ordergen/generator/emit/rtid"
	"github.com/hwcorder/ordergen/generator/model"
	"github.com/hwcorder/ordergen/generator/plan"
)

// hasSecret reports whether values of s can hold a password, at any depth.
func hasSecret(s *model.Schema) bool { return secretIn(s, map[*model.Schema]bool{}) }

func secretIn(s *model.Schema, seen map[*model.Schema]bool) bool {
	if s == nil || seen[s] {
		return false
	}
	seen[s] = true
	if s.Password() {
		return true
	}
	for _, p := range s.Properties {
		if secretIn(p.Schema, seen) {
			return true
		}
	}
	return secretIn(s.Items, seen) || secretIn(s.AdditionalProperties, seen)
}

// redactMethods declares String, GoString and LogValue for struct s; when
// s holds secrets, they print a copy with every secret replaced.
func (e *emitter) redactMethods(s *model.Schema) []jen.Code {
	printed := jen.Id("t")
	var out []jen.Code
	if hasSecret(s) {
		printed = jen.Id("t").Dot("redacted").Call()
		out = append(out, e.redactedDecl(s)...)
	}
	return append(out,
		jen.Comment(fmt.Sprintf("String returns t as JSON%s.", secretNote(s))),
		jen.Func().Params(jen.Id("t").Id(s.GoName)).Id("String").Params().String().Block(
			jen.Return(rtid.JSONText().Call(printed)),
		),
		jen.Line(),
		jen.Comment("GoString is String for the %#v verb, so that no format prints a secret."),
		jen.Func().Params(jen.Id("t").Id(s.GoName)).Id("GoString").Params().String().Block(
			jen.Return(jen.Lit(s.GoName).Op("+").Id("t").Dot("String").Call()),
		),
		jen.Line(),
		jen.Comment("LogValue makes log/slog print t as String does."),
		jen.Func().Params(jen.Id("t").Id(s.GoName)).Id("LogValue").Params().Qual("log/slog", "Value").Block(
			jen.Return(jen.Qual("log/slog", "StringValue").Call(jen.Id("t").Dot("String").Call())),
		),
		jen.Line(),
	)
}

func secretNote(s *model.Schema) string {
	if hasSecret(s) {
		return ", with every secret (format: password) replaced by " + `"******"`
	}
	return ""
}

// redactedDecl declares redacted, which returns a copy of t whose secrets
// are replaced; nested values are copied, never changed in place.
func (e *emitter) redactedDecl(s *model.Schema) []jen.Code {
	var body []jen.Code
	for _, pf := range e.plan.Type(s).Fields {
		p := pf.Prop
		if !hasSecret(p.Schema) {
			continue
		}
		f := jen.Id("t").Dot(pf.Name)
		if pf.Presence == plan.Nullable {
			// if t.F.Set && !t.F.Null { t.F.Value = redacted copy }
			v := f.Clone().Dot(rtid.NullableValue)
			body = append(body, jen.If(f.Clone().Dot(rtid.NullableSet).Op("&&").Op("!").Add(f.Clone()).Dot(rtid.NullableNull)).Block(
				e.redactValue(p.Schema, pf.Elem, v.Clone(), func(x jen.Code) jen.Code { return v.Clone().Op("=").Add(x) }, 0)...))
			continue
		}
		body = append(body, e.redactValue(p.Schema, pf.Type, f.Clone(), func(x jen.Code) jen.Code { return f.Clone().Op("=").Add(x) }, 0)...)
	}
	body = append(body, jen.Return(jen.Id("t")))
	return []jen.Code{
		jen.Comment("redacted returns a copy of t with every secret replaced."),
		jen.Func().Params(jen.Id("t").Id(s.GoName)).Id("redacted").Params().Id(s.GoName).Block(body...),
		jen.Line(),
	}
}

// redactValue returns statements that pass set a copy of x (schema s, Go
// type t) with every secret replaced, to any depth: pointers are followed,
// slices and maps copied, structs redacted by their own method.
//
//	if x != nil {
//		c0 := make([]E, len(x))
//		for i0, v0 := range x { c0[i0] = redacted v0 }
//		x = c0
//	}
func (e *emitter) redactValue(s *model.Schema, t *plan.GoType, x jen.Code, set func(jen.Code) jen.Code, depth int) []jen.Code {
	if !hasSecret(s) {
		return []jen.Code{set(x)}
	}
	c, i, v := fmt.Sprintf("c%d", depth), fmt.Sprintf("i%d", depth), fmt.Sprintf("v%d", depth)
	switch {
	case t.Kind == plan.GoPointer:
		// if x != nil { r0 := redacted *x; x = &r0 }
		r := fmt.Sprintf("r%d", depth)
		inner := e.redactValue(s, t.Elem, jen.Parens(jen.Op("*").Add(x)), func(val jen.Code) jen.Code { return jen.Id(r).Op(":=").Add(val) }, depth+1)
		return []jen.Code{jen.If(jen.Add(x).Op("!=").Nil()).Block(append(inner, set(jen.Op("&").Id(r)))...)}
	case s.Password():
		return []jen.Code{set(jen.Add(t.Code()).Parens(rtid.Redacted()))}
	case isStruct(s):
		return []jen.Code{set(jen.Add(x).Dot("redacted").Call())}
	case s.Kind == model.KindArray || s.Kind == model.KindObject && s.AdditionalProperties != nil:
		// Items of an array and values of a map alike: copy, redacting each.
		el := s.Items
		if el == nil {
			el = s.AdditionalProperties
		}
		loop := e.redactValue(el, e.plan.ElemType(el), jen.Id(v),
			func(val jen.Code) jen.Code { return jen.Id(c).Index(jen.Id(i)).Op("=").Add(val) }, depth+1)
		return []jen.Code{jen.If(jen.Add(x).Op("!=").Nil()).Block(
			jen.Id(c).Op(":=").Make(t.Code(), jen.Len(x)),
			jen.For(e.rangeVars(el, i, v).Op(":=").Range().Add(x)).Block(loop...),
			set(jen.Id(c)),
		)}
	}
	return []jen.Code{set(x)}
}

// rangeVars is "i, v" for a loop over items of schema el, or "i" alone
// when the redacted item does not read the old one (a plain secret).
func (e *emitter) rangeVars(el *model.Schema, i, v string) *jen.Statement {
	if el.Password() && e.plan.ElemType(el).Kind != plan.GoPointer {
		return jen.Id(i)
	}
	return jen.List(jen.Id(i), jen.Id(v))
}

// typeName is the Go spelling of a scalar schema's type, for conversions.
func typeName(s *model.Schema) string {
	if s.GoName != "" {
		return s.GoName
	}
	return "string"
}
