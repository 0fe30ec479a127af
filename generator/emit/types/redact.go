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
		switch shape := pf.Presence; {
		case p.Schema.Password() && shape == plan.Nullable:
			body = append(body, jen.If(f.Clone().Dot(rtid.NullableSet).Op("&&").Op("!").Add(f.Clone()).Dot(rtid.NullableNull)).Block(
				f.Clone().Dot(rtid.NullableValue).Op("=").Id(typeName(p.Schema)).Parens(rtid.Redacted()),
			))
		case p.Schema.Password() && shape == plan.Pointer:
			body = append(body, jen.If(f.Clone().Op("!=").Nil()).Block(
				jen.Id("r").Op(":=").Id(typeName(p.Schema)).Parens(rtid.Redacted()),
				f.Clone().Op("=").Op("&").Id("r"),
			))
		case p.Schema.Password():
			body = append(body, f.Clone().Op("=").Id(typeName(p.Schema)).Parens(rtid.Redacted()))
		case p.Schema.Kind == model.KindArray:
			el := jen.Id("x")
			var fix jen.Code
			if p.Schema.Items.Password() {
				fix = jen.Id("c").Index(jen.Id("i")).Op("=").Id(typeName(p.Schema.Items)).Parens(rtid.Redacted())
			} else {
				fix = jen.Id("c").Index(jen.Id("i")).Op("=").Add(el).Dot("redacted").Call()
			}
			body = append(body, jen.If(f.Clone().Op("!=").Nil()).Block(
				jen.Id("c").Op(":=").Make(pf.Type.Code(), jen.Len(f.Clone())),
				jen.For(jen.List(jen.Id("i"), jen.Id("x")).Op(":=").Range().Add(f.Clone())).Block(fix),
				f.Clone().Op("=").Id("c"),
			))
		case shape == plan.Pointer:
			body = append(body, jen.If(f.Clone().Op("!=").Nil()).Block(
				jen.Id("r").Op(":=").Add(f.Clone()).Dot("redacted").Call(),
				f.Clone().Op("=").Op("&").Id("r"),
			))
		case shape == plan.Value:
			body = append(body, f.Clone().Op("=").Add(f.Clone()).Dot("redacted").Call())
		}
	}
	body = append(body, jen.Return(jen.Id("t")))
	return []jen.Code{
		jen.Comment("redacted returns a copy of t with every secret replaced."),
		jen.Func().Params(jen.Id("t").Id(s.GoName)).Id("redacted").Params().Id(s.GoName).Block(body...),
		jen.Line(),
	}
}

// typeName is the Go spelling of a scalar schema's type, for conversions.
func typeName(s *model.Schema) string {
	if s.GoName != "" {
		return s.GoName
	}
	return "string"
}
