package types

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/hwcorder/ordergen/generator/model"
)

// unmarshal declares UnmarshalJSON for a struct schema. It walks the
// object's keys once to record which members came, which were null and
// which the schema does not know, then decodes with encoding/json. Where
// encoding/json would read the object differently from a JSON Schema
// validator, it decodes a cleaned copy instead: when a key comes twice
// (only the last one counts), when a key matches a member only if case is
// ignored (it is an unknown member), and when an integer member is spelled
// with a fraction or exponent (2.0 is the integer 2).
//
//	func (t *T) UnmarshalJSON(data []byte) error {
//		type plain T
//		*t = T{}
//		if isNull(data) { t.xIsNull = true; return nil }
//		var seen, null uint64
//		clean := true
//		sc := newObjScanner(data)
//		for sc.next() {
//			var bit uint64
//			switch name := sc.name(); string(name) {
//			case "a": bit = 1 << 0
//			default: if t.xFolds(name) { clean = false }; continue
//			}
//			if seen&bit != 0 { clean = false }
//			seen |= bit
//			null &^= bit
//			if sc.null { null |= bit }
//		}
//		if sc.err == nil && !clean { data = cleanObject(data, t.xFolds) }
//		if err := json.Unmarshal(data, (*plain)(t)); err != nil { ...retry with integralNumbers(data) }
//		t.xMissing, t.xNull = required &^ seen, null
//		return sc.err
//	}
func (e *emitter) unmarshal(s *model.Schema) []jen.Code {
	if !isStruct(s) {
		return nil
	}
	var cases []jen.Code
	var required uint64
	elems := false
	for i, p := range s.Properties {
		bit := uint64(1) << i
		if p.Required {
			required |= bit
		}
		body := []jen.Code{jen.Id("bit").Op("=").Add(bitLit(bit))}
		if shape := nullShape(p.Schema); shape != "" {
			// [1, null] decodes as [1, 0]: look for the null ourselves.
			elems = true
			body = append(body, jen.If(jen.Id("nullWithin").Call(jen.Id("sc").Dot("value").Call(), jen.Lit(shape))).Block(
				jen.Id("elem").Op("=").Id("bit"),
			))
		}
		cases = append(cases, jen.Case(jen.Lit(p.Name)).Block(body...))
	}
	var def []jen.Code
	if len(s.Properties) > 0 {
		def = append(def, jen.If(jen.Id("t").Dot("xFolds").Call(jen.Id("name"))).Block(jen.Id("clean").Op("=").False()))
	}
	if s.ForbidAdditional {
		def = append(def, jen.Id("unknown").Op("=").Id("appendUnknown").Call(jen.Id("unknown"), jen.Id("name")))
	}
	cases = append(cases, jen.Default().Block(append(def, jen.Continue())...))

	vars := []jen.Code{jen.Id("seen"), jen.Id("null")}
	if elems {
		vars = append(vars, jen.Id("nullElem"))
	}
	body := []jen.Code{
		jen.Type().Id("plain").Id(s.GoName),
		jen.Op("*").Id("t").Op("=").Id(s.GoName).Values(),
		jen.If(jen.Id("isNull").Call(jen.Id("data"))).Block(
			jen.Id("t").Dot("xIsNull").Op("=").True(),
			jen.Return(jen.Nil()),
		),
		jen.Var().List(vars...).Uint64(),
	}
	if s.ForbidAdditional {
		body = append(body, jen.Var().Id("unknown").Index().String())
	}
	body = append(body, jen.Id("clean").Op(":=").True())
	body = append(body, jen.Id("sc").Op(":=").Id("newObjScanner").Call(jen.Id("data")))
	if len(s.Properties) == 0 {
		loop := []jen.Code{jen.Id("name").Op(":=").Id("sc").Dot("name").Call()}
		if s.ForbidAdditional {
			loop = append(loop, jen.Id("unknown").Op("=").Id("appendUnknown").Call(jen.Id("unknown"), jen.Id("name")))
		} else {
			loop = append(loop, jen.Id("_").Op("=").Id("name"))
		}
		body = append(body, jen.For(jen.Id("sc").Dot("next").Call()).Block(loop...))
	} else {
		bitVars := []jen.Code{jen.Id("bit")}
		if elems {
			bitVars = append(bitVars, jen.Id("elem"))
		}
		loop := []jen.Code{
			jen.Var().List(bitVars...).Uint64(),
			jen.Switch(jen.Id("name").Op(":=").Id("sc").Dot("name").Call(), jen.String().Parens(jen.Id("name"))).Block(cases...),
			jen.If(jen.Id("seen").Op("&").Id("bit").Op("!=").Lit(0)).Block(
				jen.Id("clean").Op("=").False().Comment("a repeated member: only its last value counts"),
			),
			jen.Id("seen").Op("|=").Id("bit"),
			jen.Id("null").Op("&^=").Id("bit"),
			jen.If(jen.Id("sc").Dot("null")).Block(jen.Id("null").Op("|=").Id("bit")),
		}
		if elems {
			loop = append(loop, jen.Id("nullElem").Op("=").Id("nullElem").Op("&^").Id("bit").Op("|").Id("elem"))
		}
		body = append(body,
			jen.For(jen.Id("sc").Dot("next").Call()).Block(loop...),
			jen.If(jen.Id("sc").Dot("err").Op("==").Nil().Op("&&").Op("!").Id("clean")).Block(
				jen.Id("data").Op("=").Id("cleanObject").Call(jen.Id("data"), jen.Id("t").Dot("xFolds")),
			),
		)
	}
	if len(s.Properties) == 0 {
		body = append(body, jen.Id("_").Op("=").Id("clean"))
	}
	decode := func(d string) jen.Code {
		return jen.Qual("encoding/json", "Unmarshal").Call(jen.Id(d), jen.Parens(jen.Op("*").Id("plain")).Parens(jen.Id("t")))
	}
	body = append(body,
		jen.If(jen.Err().Op(":=").Add(decode("data")), jen.Err().Op("!=").Nil()).Block(
			jen.Comment("An integer spelled 2.0 or 2e0 is still an integer."),
			jen.List(jen.Id("d"), jen.Id("ok")).Op(":=").Id("integralNumbers").Call(jen.Id("data")),
			jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Err())),
			jen.Op("*").Id("t").Op("=").Id(s.GoName).Values(),
			jen.If(jen.Err().Op(":=").Add(decode("d")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		),
		jen.Id("t").Dot("xMissing").Op("=").Id(fmt.Sprintf("%#x", required)).Op("&^").Id("seen"),
		jen.Id("t").Dot("xNull").Op("=").Id("null"),
	)
	if elems {
		body = append(body, jen.Id("t").Dot("xNullElem").Op("=").Id("nullElem"))
	}
	if s.ForbidAdditional {
		body = append(body, jen.Id("t").Dot("xUnknown").Op("=").Id("unknown"))
	}
	body = append(body, jen.Return(jen.Id("sc").Dot("err")))

	out := []jen.Code{
		jen.Comment("UnmarshalJSON decodes data into t and records which members were absent,"),
		jen.Comment("null or unknown, so that Validate can tell a missing required member from"),
		jen.Comment("one sent with its zero value. It reads data as a JSON Schema validator"),
		jen.Comment("does: a repeated key counts once (the last), a key differing from a member"),
		jen.Comment("name only in case is an unknown member, and 2.0 is an integer."),
		jen.Func().Params(jen.Id("t").Op("*").Id(s.GoName)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(body...),
		jen.Line(),
	}
	if len(s.Properties) > 0 {
		names := make([]jen.Code, 0, len(s.Properties)+1)
		names = append(names, jen.Id("key"))
		for _, p := range s.Properties {
			names = append(names, jen.Lit(p.Name))
		}
		out = append(out,
			jen.Comment("xFolds reports whether key, which names no member, names one when case is"),
			jen.Comment("ignored: encoding/json would decode it into that member."),
			jen.Func().Params(jen.Op("*").Id(s.GoName)).Id("xFolds").Params(jen.Id("key").Index().Byte()).Bool().Block(
				jen.Return(jen.Id("foldsToMember").Call(names...)),
			),
			jen.Line(),
		)
	}
	return out
}

// nullShape describes where a member of schema s can hide a null that
// encoding/json would decode as a zero value: one letter per level of
// array or map nesting, 'a' (array) or 'm' (map) when the level's items
// must not be null, 'A' or 'M' when they may be or decode into a struct,
// which records a null itself. "" means no null can hide.
func nullShape(s *model.Schema) string {
	var b []byte
	for {
		var el *model.Schema
		var c byte
		switch {
		case s.Kind == model.KindArray && s.Items != nil:
			el, c = s.Items, 'a'
		case s.Kind == model.KindObject && !isStruct(s) && s.AdditionalProperties != nil:
			el, c = s.AdditionalProperties, 'm'
		default:
			return strings.TrimRight(string(b), "AM")
		}
		if el.Nullable || isStruct(el) || el.Kind == model.KindAny {
			c -= 'a' - 'A'
		}
		b = append(b, c)
		s = el
	}
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
