package types

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/hwcorder/ordergen/generator/model"
)

// decoder declares decodeJSON and UnmarshalJSON for named schema s. The
// generated code reads JSON with the jdec support type: one pass, no
// reflection, every value straight into its field. It reads a body as a
// JSON Schema validator does: a repeated key counts once (the last), a key
// that differs from a member's name only in case is an unknown member, 2.0
// is an integer; and it records what a plain decode would lose: absent
// members, null members, null items hidden in arrays of scalars, unknown
// members of closed objects.
func (e *emitter) decoder(s *model.Schema) []jen.Code {
	recv := jen.Id("t").Op("*").Id(s.GoName)
	var decode, unmarshal []jen.Code
	if isStruct(s) {
		decode = []jen.Code{
			jen.Comment("decodeJSON reads one value of " + s.GoName + " from d; null sets xIsNull."),
			jen.Func().Params(recv.Clone()).Id("decodeJSON").Params(jen.Id("d").Op("*").Id("jdec")).Block(e.structDecode(s)...),
		}
		unmarshal = []jen.Code{jen.Id("t").Dot("decodeJSON").Call(jen.Op("&").Id("d"))}
	} else {
		body, hides := e.decodeInto(s, jen.Op("*").Id("t"), false, jen.Id("hid").Op("=").True(), 0, true)
		results := jen.Null()
		call := jen.Id("t").Dot("decodeJSON").Call(jen.Op("&").Id("d"))
		if hides {
			results = jen.Parens(jen.Id("hid").Bool())
			body = append(body, jen.Return())
		}
		decode = []jen.Code{
			jen.Comment("decodeJSON reads one value of " + s.GoName + " from d." + hidNote(hides)),
			jen.Func().Params(recv.Clone()).Id("decodeJSON").Params(jen.Id("d").Op("*").Id("jdec")).Add(results).Block(body...),
		}
		if hides {
			call = jen.Id("_").Op("=").Add(call)
		}
		unmarshal = []jen.Code{jen.If(jen.Op("!").Id("d").Dot("null").Call()).Block(call)}
	}
	out := append(decode, jen.Line(),
		jen.Comment("UnmarshalJSON decodes data into t; the error is a *DecodeError naming the"),
		jen.Comment("JSON pointer of a value of the wrong type, or the byte where the JSON breaks."),
		jen.Func().Params(recv).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
			append(append([]jen.Code{jen.Id("d").Op(":=").Id("newJdec").Call(jen.Id("data"))}, unmarshal...),
				jen.Return(jen.Id("d").Dot("end").Call()))...,
		),
		jen.Line(),
	)
	return out
}

func hidNote(hides bool) string {
	if hides {
		return " hid reports a null item where the schema allows none."
	}
	return ""
}

// structDecode is the body of a struct's decodeJSON.
//
//	*t = T{}
//	if d.null() { t.xIsNull = true; return }
//	if !d.object() { return }
//	var seen, null, elem uint64
//	for n := 0; d.member(&n); {
//		var bit uint64
//		switch string(d.key) {
//		case "a": bit = 1 << 0; ...decode or record null...
//		default: d.skip(); continue
//		}
//		seen |= bit
//	}
//	t.xMissing, t.xNull, t.xNullElem = required &^ seen, null, elem
func (e *emitter) structDecode(s *model.Schema) []jen.Code {
	body := []jen.Code{
		jen.Op("*").Id("t").Op("=").Id(s.GoName).Values(),
		jen.If(jen.Id("d").Dot("null").Call()).Block(jen.Id("t").Dot("xIsNull").Op("=").True(), jen.Return()),
	}
	if len(s.Properties) > 0 {
		body = append(body, jen.Id("start").Op(":=").Id("d").Dot("pos"))
	}
	body = append(body, jen.If(jen.Op("!").Id("d").Dot("object").Call()).Block(jen.Return()))
	var unknown []jen.Code
	if s.ForbidAdditional {
		body = append(body, jen.Var().Id("unknown").Index().String())
		unknown = []jen.Code{jen.Id("unknown").Op("=").Append(jen.Id("unknown"), jen.String().Parens(jen.Id("d").Dot("key")))}
	}
	if len(s.Properties) == 0 {
		loop := append(unknown, jen.Id("d").Dot("skip").Call())
		body = append(body, jen.For(jen.Id("n").Op(":=").Lit(0), jen.Id("d").Dot("member").Call(jen.Op("&").Id("n")), jen.Empty()).Block(loop...))
		if s.ForbidAdditional {
			body = append(body, jen.Id("t").Dot("xUnknown").Op("=").Id("unknown"))
		}
		return body
	}
	var cases []jen.Code
	var required uint64
	elems := false
	for i, p := range s.Properties {
		bit := uint64(1) << i
		if p.Required {
			required |= bit
		}
		stmts, hides := e.memberDecode(p)
		elems = elems || hides
		head := []jen.Code{
			jen.Id("bit").Op("=").Add(bitLit(bit)),
			jen.If(jen.Id("seen").Op("&").Id("bit").Op("!=").Lit(0)).Block(jen.Id("d").Dot("repeated").Call(jen.Id("start"))),
		}
		cases = append(cases, jen.Case(jen.Lit(p.Name)).Block(append(head, stmts...)...))
	}
	cases = append(cases, jen.Default().Block(append(unknown, jen.Id("d").Dot("skip").Call(), jen.Continue())...))
	vars := []jen.Code{jen.Id("seen"), jen.Id("null")}
	if elems {
		vars = append(vars, jen.Id("elem"))
	}
	body = append(body,
		jen.Var().List(vars...).Uint64(),
		jen.For(jen.Id("n").Op(":=").Lit(0), jen.Id("d").Dot("member").Call(jen.Op("&").Id("n")), jen.Empty()).Block(
			jen.Var().Id("bit").Uint64(),
			jen.Switch(jen.String().Parens(jen.Id("d").Dot("key"))).Block(cases...),
			jen.Id("seen").Op("|=").Id("bit"),
		),
		jen.Id("t").Dot("xMissing").Op("=").Id(fmt.Sprintf("%#x", required)).Op("&^").Id("seen"),
		jen.Id("t").Dot("xNull").Op("=").Id("null"),
	)
	if elems {
		body = append(body, jen.Id("t").Dot("xNullElem").Op("=").Id("elem"))
	}
	if s.ForbidAdditional {
		body = append(body, jen.Id("t").Dot("xUnknown").Op("=").Id("unknown"))
	}
	return body
}

// memberDecode reads member p, which may be null or repeated.
//
//	if d.null() { null |= bit; t.F = zero } else { null &^= bit; ...decode... }
func (e *emitter) memberDecode(p *model.Property) ([]jen.Code, bool) {
	f := jen.Id("t").Dot(p.GoName)
	shape := shapeOf(p)
	dec, hides := e.decodeInto(p.Schema, f, shape == shapePointer, jen.Id("elem").Op("|=").Id("bit"), 0, false)
	var zero jen.Code
	switch {
	case shape != shapeValue:
		zero = jen.Nil()
	default:
		zero = zeroValue(p.Schema)
	}
	var pre []jen.Code
	if hides {
		pre = append(pre, jen.Id("elem").Op("&^=").Id("bit"))
	}
	return append(pre, jen.If(jen.Id("d").Dot("null").Call()).Block(
		jen.Id("null").Op("|=").Id("bit"),
		f.Clone().Op("=").Add(zero),
	).Else().Block(append([]jen.Code{jen.Id("null").Op("&^=").Id("bit")}, dec...)...)), hides
}

// scalarRead returns the jdec call reading a scalar of schema s, converted
// to s's Go type.
func scalarRead(s *model.Schema) jen.Code {
	var call jen.Code
	switch s.Kind {
	case model.KindString:
		call = jen.Id("d").Dot("str").Call()
	case model.KindInteger:
		if s.Format == "int32" {
			call = jen.Id("d").Dot("int32").Call()
		} else {
			call = jen.Id("d").Dot("int64").Call()
		}
	case model.KindNumber:
		if s.Format == "float" {
			call = jen.Float32().Parens(jen.Id("d").Dot("float").Call(jen.Lit(32)))
		} else {
			call = jen.Id("d").Dot("float").Call(jen.Lit(64))
		}
	case model.KindBoolean:
		call = jen.Id("d").Dot("boolean").Call()
	}
	if s.GoName != "" {
		return jen.Id(s.GoName).Parens(call)
	}
	return call
}

func isScalar(s *model.Schema) bool {
	switch s.Kind {
	case model.KindString, model.KindInteger, model.KindNumber, model.KindBoolean:
		return true
	}
	return false
}

// decodeInto returns statements that read a non-null value of schema s
// into lhs (through a new pointer when ptr), running hid when a null item
// hides where the schema allows none; hides says whether that can happen.
// inline decodes s itself even when it is a named type (inside its own
// decodeJSON).
func (e *emitter) decodeInto(s *model.Schema, lhs jen.Code, ptr bool, hid jen.Code, depth int, inline bool) ([]jen.Code, bool) {
	named := s.GoName != "" && !inline
	switch {
	case named && isStruct(s):
		if ptr {
			return []jen.Code{jen.Id("v").Op(":=").New(jen.Id(s.GoName)), jen.Id("v").Dot("decodeJSON").Call(jen.Id("d")), jen.Add(lhs).Op("=").Id("v")}, false
		}
		return []jen.Code{jen.Add(lhs).Dot("decodeJSON").Call(jen.Id("d"))}, false
	case named && !isScalar(s):
		hides := e.hidesNull(s)
		call := jen.Id("v").Dot("decodeJSON").Call(jen.Id("d"))
		if ptr {
			stmts := []jen.Code{jen.Id("v").Op(":=").New(jen.Id(s.GoName))}
			if hides {
				stmts = append(stmts, jen.If(call).Block(hid))
			} else {
				stmts = append(stmts, call)
			}
			return append(stmts, jen.Add(lhs).Op("=").Id("v")), hides
		}
		call = jen.Add(lhs).Dot("decodeJSON").Call(jen.Id("d"))
		if hides {
			return []jen.Code{jen.If(call).Block(hid)}, true
		}
		return []jen.Code{call}, false
	case isScalar(s):
		if ptr {
			return []jen.Code{jen.Id("v").Op(":=").Add(scalarRead(s)), jen.Add(lhs).Op("=").Op("&").Id("v")}, false
		}
		if inline && s.GoName != "" {
			read := scalarRead(&model.Schema{Kind: s.Kind, Format: s.Format})
			return []jen.Code{jen.Add(lhs).Op("=").Id(s.GoName).Parens(read)}, false
		}
		return []jen.Code{jen.Add(lhs).Op("=").Add(scalarRead(s))}, false
	case s.Kind == model.KindArray:
		return e.arrayDecode(s, lhs, hid, depth)
	case s.Kind == model.KindObject && s.AdditionalProperties != nil:
		return e.mapDecode(s, lhs, hid, depth)
	}
	return []jen.Code{jen.Add(lhs).Op("=").Id("d").Dot("anyValue").Call()}, false
}

// hidesNull reports whether a value of s can hold a null item that
// decodes as a zero value although the schema allows no null there.
func (e *emitter) hidesNull(s *model.Schema) bool {
	var el *model.Schema
	switch {
	case s.Kind == model.KindArray:
		el = s.Items
	case s.Kind == model.KindObject && !isStruct(s) && s.AdditionalProperties != nil:
		el = s.AdditionalProperties
	default:
		return false
	}
	if el == nil || isStruct(el) || el.Kind == model.KindAny {
		return false
	}
	return !el.Nullable || e.hidesNull(el)
}

// itemNull handles a null item or map value: a nil for a nullable or
// nil-able item type, else hid and a zero value.
func (e *emitter) itemNull(el *model.Schema, appendZero func(zero jen.Code) jen.Code, hid jen.Code) []jen.Code {
	switch {
	case isStruct(el) || el.Kind == model.KindAny:
		return nil // the item decodes null itself
	case el.Nullable && (nullableScalar(el) || !isScalar(el)):
		return []jen.Code{jen.If(jen.Id("d").Dot("null").Call()).Block(appendZero(jen.Nil()), jen.Continue())}
	}
	zero := zeroValue(el)
	if !isScalar(el) {
		zero = jen.Nil()
	}
	return []jen.Code{jen.If(jen.Id("d").Dot("null").Call()).Block(hid, appendZero(zero), jen.Continue())}
}

// arrayDecode reads an inline array.
//
//	if d.array() {
//		s0 := make([]E, 0)
//		for n0 := 0; d.elem(&n0); { var e0 E; ...; s0 = append(s0, e0) }
//		lhs = s0
//	}
func (e *emitter) arrayDecode(s *model.Schema, lhs, hid jen.Code, depth int) ([]jen.Code, bool) {
	sv, nv, ev := fmt.Sprintf("s%d", depth), fmt.Sprintf("n%d", depth), fmt.Sprintf("e%d", depth)
	el := s.Items
	elPtr := nullableScalar(el)
	inner, hides := e.decodeInto(el, jen.Id(ev), elPtr, hid, depth+1, false)
	nulls := e.itemNull(el, func(zero jen.Code) jen.Code {
		return jen.Id(sv).Op("=").Append(jen.Id(sv), zero)
	}, hid)
	hides = hides || (len(nulls) > 0 && !(el.Nullable && (nullableScalar(el) || !isScalar(el))))
	loop := append(nulls, jen.Var().Id(ev).Add(elemType(el)))
	loop = append(loop, inner...)
	loop = append(loop, jen.Id(sv).Op("=").Append(jen.Id(sv), jen.Id(ev)))
	return []jen.Code{jen.If(jen.Id("d").Dot("array").Call()).Block(
		jen.Id(sv).Op(":=").Make(jen.Index().Add(elemType(el)), jen.Lit(0)),
		jen.For(jen.Id(nv).Op(":=").Lit(0), jen.Id("d").Dot("elem").Call(jen.Op("&").Id(nv)), jen.Empty()).Block(loop...),
		jen.Add(lhs).Op("=").Id(sv),
	)}, hides
}

// mapDecode reads an inline map.
func (e *emitter) mapDecode(s *model.Schema, lhs, hid jen.Code, depth int) ([]jen.Code, bool) {
	mv, nv, kv, ev := fmt.Sprintf("m%d", depth), fmt.Sprintf("n%d", depth), fmt.Sprintf("k%d", depth), fmt.Sprintf("e%d", depth)
	el := s.AdditionalProperties
	elPtr := nullableScalar(el)
	inner, hides := e.decodeInto(el, jen.Id(ev), elPtr, hid, depth+1, false)
	nulls := e.itemNull(el, func(zero jen.Code) jen.Code {
		return jen.Id(mv).Index(jen.Id(kv)).Op("=").Add(zero)
	}, hid)
	hides = hides || (len(nulls) > 0 && !(el.Nullable && (nullableScalar(el) || !isScalar(el))))
	ov := fmt.Sprintf("o%d", depth)
	loop := append([]jen.Code{
		jen.Id(kv).Op(":=").String().Parens(jen.Id("d").Dot("key")),
		jen.If(jen.List(jen.Id("_"), jen.Id("dup")).Op(":=").Id(mv).Index(jen.Id(kv)), jen.Id("dup")).Block(jen.Id("d").Dot("repeated").Call(jen.Id(ov))),
	}, nulls...)
	loop = append(loop, jen.Var().Id(ev).Add(elemType(el)))
	loop = append(loop, inner...)
	loop = append(loop, jen.Id(mv).Index(jen.Id(kv)).Op("=").Id(ev))
	return []jen.Code{jen.Id(ov).Op(":=").Id("d").Dot("pos"), jen.If(jen.Id("d").Dot("object").Call()).Block(
		jen.Id(mv).Op(":=").Make(jen.Map(jen.String()).Add(elemType(el))),
		jen.For(jen.Id(nv).Op(":=").Lit(0), jen.Id("d").Dot("member").Call(jen.Op("&").Id(nv)), jen.Empty()).Block(loop...),
		jen.Add(lhs).Op("=").Id(mv),
	)}, hides
}

// zeroValue is the Go zero value of a non-nil-able value of schema s.
func zeroValue(s *model.Schema) jen.Code {
	switch {
	case isStruct(s):
		return jen.Id(s.GoName).Values()
	case s.Kind == model.KindString:
		return jen.Lit("")
	case s.Kind == model.KindBoolean:
		return jen.False()
	case s.Kind == model.KindInteger || s.Kind == model.KindNumber:
		return jen.Lit(0)
	}
	return jen.Nil()
}
