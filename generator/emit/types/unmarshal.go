package types

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/hwcorder/ordergen/generator/model"
)

// unmarshal declares UnmarshalJSON for a struct schema. It decodes with
// encoding/json and then walks the object's keys once to record which
// members came, which were null and which the schema does not know.
//
//	func (t *T) UnmarshalJSON(data []byte) error {
//		type plain T
//		*t = T{}
//		if isNull(data) { t.xIsNull = true; return nil }
//		if err := json.Unmarshal(data, (*plain)(t)); err != nil { return err }
//		var seen uint64
//		sc := newObjScanner(data)
//		for sc.next() {
//			var bit uint64
//			switch string(sc.name()) { case "a": bit = 1; ...; default: continue }
//			seen |= bit
//			if sc.null { t.xNull |= bit }
//		}
//		t.xMissing = required &^ seen
//		return sc.err
//	}
func (e *emitter) unmarshal(s *model.Schema) []jen.Code {
	if !isStruct(s) {
		return nil
	}
	var cases []jen.Code
	var required uint64
	for i, p := range s.Properties {
		bit := uint64(1) << i
		if p.Required {
			required |= bit
		}
		body := []jen.Code{jen.Id("bit").Op("=").Add(bitLit(bit))}
		if nullElemMatters(p.Schema) {
			// [1, null] decodes as [1, 0]: look for the null ourselves.
			body = append(body, jen.If(jen.Op("!").Id("sc").Dot("null").Op("&&").Id("firstNullElem").Call(jen.Id("sc").Dot("value").Call()).Op(">=").Lit(0)).Block(
				jen.Id("t").Dot("xNullElem").Op("|=").Id("bit"),
			))
		}
		cases = append(cases, jen.Case(jen.Lit(p.Name)).Block(body...))
	}
	def := []jen.Code{jen.Continue()}
	if s.ForbidAdditional {
		def = []jen.Code{
			jen.Id("t").Dot("xUnknown").Op("=").Append(jen.Id("t").Dot("xUnknown"), jen.String().Parens(jen.Id("sc").Dot("name").Call())),
			jen.Continue(),
		}
	}
	cases = append(cases, jen.Default().Block(def...))
	return []jen.Code{
		jen.Comment("UnmarshalJSON decodes data into t and records which members were absent,"),
		jen.Comment("null or unknown, so that Validate can tell a missing required member from"),
		jen.Comment("one sent with its zero value."),
		jen.Func().Params(jen.Id("t").Op("*").Id(s.GoName)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
			jen.Type().Id("plain").Id(s.GoName),
			jen.Op("*").Id("t").Op("=").Id(s.GoName).Values(),
			jen.If(jen.Id("isNull").Call(jen.Id("data"))).Block(
				jen.Id("t").Dot("xIsNull").Op("=").True(),
				jen.Return(jen.Nil()),
			),
			jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Parens(jen.Op("*").Id("plain")).Parens(jen.Id("t"))), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Err()),
			),
			jen.Var().Id("seen").Uint64(),
			jen.Id("sc").Op(":=").Id("newObjScanner").Call(jen.Id("data")),
			jen.For(jen.Id("sc").Dot("next").Call()).Block(
				jen.Var().Id("bit").Uint64(),
				jen.Switch(jen.String().Parens(jen.Id("sc").Dot("name").Call())).Block(cases...),
				jen.Id("seen").Op("|=").Id("bit"),
				jen.If(jen.Id("sc").Dot("null")).Block(jen.Id("t").Dot("xNull").Op("|=").Id("bit")),
			),
			jen.Id("t").Dot("xMissing").Op("=").Id(fmt.Sprintf("%#x", required)).Op("&^").Id("seen"),
			jen.Return(jen.Id("sc").Dot("err")),
		),
		jen.Line(),
	}
}

// nullElemMatters reports whether an array member can hide a null item:
// items that decode into a Go scalar turn null into the zero value.
func nullElemMatters(s *model.Schema) bool {
	if s.Kind != model.KindArray || s.Items == nil || s.Items.Nullable {
		return false
	}
	switch s.Items.Kind {
	case model.KindString, model.KindInteger, model.KindNumber, model.KindBoolean:
		return true
	}
	return false
}

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
			jen.Return(jen.Id("jsonText").Call(printed)),
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
	for _, p := range s.Properties {
		if !hasSecret(p.Schema) {
			continue
		}
		f := jen.Id("t").Dot(p.GoName)
		switch shape := shapeOf(p); {
		case p.Schema.Password() && shape == shapePointer:
			body = append(body, jen.If(f.Clone().Op("!=").Nil()).Block(
				jen.Id("r").Op(":=").Id(typeName(p.Schema)).Parens(jen.Id("redactedText")),
				f.Clone().Op("=").Op("&").Id("r"),
			))
		case p.Schema.Password():
			body = append(body, f.Clone().Op("=").Id(typeName(p.Schema)).Parens(jen.Id("redactedText")))
		case p.Schema.Kind == model.KindArray:
			el := jen.Id("x")
			var fix jen.Code
			if p.Schema.Items.Password() {
				fix = jen.Id("c").Index(jen.Id("i")).Op("=").Id(typeName(p.Schema.Items)).Parens(jen.Id("redactedText"))
			} else {
				fix = jen.Id("c").Index(jen.Id("i")).Op("=").Add(el).Dot("redacted").Call()
			}
			body = append(body, jen.If(f.Clone().Op("!=").Nil()).Block(
				jen.Id("c").Op(":=").Make(jen.Index().Add(goType(p.Schema.Items)), jen.Len(f.Clone())),
				jen.For(jen.List(jen.Id("i"), jen.Id("x")).Op(":=").Range().Add(f.Clone())).Block(fix),
				f.Clone().Op("=").Id("c"),
			))
		case shape == shapePointer:
			body = append(body, jen.If(f.Clone().Op("!=").Nil()).Block(
				jen.Id("r").Op(":=").Add(f.Clone()).Dot("redacted").Call(),
				f.Clone().Op("=").Op("&").Id("r"),
			))
		case shape == shapeValue:
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
