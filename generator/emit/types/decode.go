package types

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/hwcorder/ordergen/generator/emit/rtid"
	"github.com/hwcorder/ordergen/generator/model"
	"github.com/hwcorder/ordergen/generator/plan"
)

// decoder declares decodeJSON and UnmarshalJSON for named schema s. The
// generated code reads JSON with rt.Decoder: one pass, no reflection, every
// value straight into its field. It reads a body as a JSON Schema validator
// does (a repeated key counts once, the last; a key that differs from a
// member's name only in case is an unknown member; 2.0 is an integer) and
// reports, with their JSON pointers, what a Go value cannot hold: members
// that are absent although required, null although the schema forbids it,
// of the wrong type, or unknown to a closed object. Decoding goes on past
// each, so one error lists them all; the value holds the rest.
func (e *emitter) decoder(s *model.Schema) []jen.Code {
	recv := jen.Id("t").Op("*").Id(s.GoName)
	var body []jen.Code
	if isStruct(s) {
		body = e.structDecode(s)
	} else {
		body = append([]jen.Code{jen.Op("*").Id("t").Op("=").Add(e.zero(s))}, e.decodeInto(s, jen.Op("*").Id("t"), false, 0, true)...)
	}
	top := []jen.Code{jen.Id("d").Op(":=").Add(rtid.NewDecoder()).Call(jen.Id("data"))}
	if s.Nullable {
		// A nullable type decodes null as its zero value.
		top = append(top, jen.If(jen.Id("d").Dot(rtid.DecoderNull).Call()).Block(
			jen.Op("*").Id("t").Op("=").Add(e.zero(s)),
			jen.Return(jen.Id("d").Dot(rtid.DecoderEnd).Call())))
	} else {
		top = append(top, jen.If(jen.Id("d").Dot(rtid.DecoderNotNull).Call()).Block(
			jen.Op("*").Id("t").Op("=").Add(e.zero(s)),
			jen.Return(jen.Id("d").Dot(rtid.DecoderEnd).Call())))
	}
	top = append(top, jen.Id("t").Dot("decodeJSON").Call(jen.Op("&").Id("d")), jen.Return(jen.Id("d").Dot(rtid.DecoderEnd).Call()))
	var marshal []jen.Code
	if e.stringEnum(s) {
		marshal = append(marshal, e.enumMatcher(s)...)
	}
	if t := e.plan.Type(s); t.Extra != "" {
		// func (t T) MarshalJSON() ([]byte, error) {
		//	type plain T
		//	b, err := json.Marshal(plain(t))
		//	if err != nil { return nil, err }
		//	return rt.AppendMembers(b, t.X)
		// }
		marshal = []jen.Code{
			jen.Comment("MarshalJSON encodes t with the members of " + t.Extra + "."),
			jen.Func().Params(jen.Id("t").Id(s.GoName)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
				jen.Type().Id("plain").Id(s.GoName),
				jen.List(jen.Id("b"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("plain").Call(jen.Id("t"))),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
				jen.Return(rtid.AppendMembers().Call(jen.Id("b"), jen.Id("t").Dot(t.Extra))),
			),
			jen.Line(),
		}
	}
	return append(marshal,
		jen.Comment("decodeJSON reads one non-null value of "+s.GoName+" from d."),
		jen.Func().Params(recv.Clone()).Id("decodeJSON").Params(jen.Id("d").Op("*").Add(rtid.Decoder())).Block(body...),
		jen.Line(),
		jen.Comment("UnmarshalJSON decodes data into t. The error is a *DecodeError for input"),
		jen.Comment("that is not JSON, or a *ValidationError listing every member that is"),
		jen.Comment("missing, null, of the wrong type or not allowed, each by its JSON pointer."),
		jen.Func().Params(recv).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(top...),
		jen.Line(),
	)
}

// stringEnum reports whether s is a named string enum, whose values are
// matched without making a string (enumMatcher).
func (e *emitter) stringEnum(s *model.Schema) bool {
	t := e.plan.Type(s)
	return t != nil && t.Kind == plan.KindEnum && e.plan.Base(s) == "string"
}

// matcherName is the function that reads a value of string enum s.
func matcherName(s *model.Schema) string { return "decode" + s.GoName }

// enumMatcher declares decodeT, which reads a T and returns the constant
// whose value it holds: no string is made for an allowed value.
//
//	func decodeMode(d *rt.Decoder) Mode {
//		b := d.StrRaw()
//		switch string(b) { case "a": return ModeA; ... }
//		return Mode(b)
//	}
func (e *emitter) enumMatcher(s *model.Schema) []jen.Code {
	var cases []jen.Code
	for _, ev := range s.Enum {
		cases = append(cases, jen.Case(jen.Lit(ev.Value)).Block(jen.Return(jen.Id(ev.GoName))))
	}
	return []jen.Code{
		jen.Comment(matcherName(s) + " reads a " + s.GoName + ", matching the allowed values without allocating."),
		jen.Func().Id(matcherName(s)).Params(jen.Id("d").Op("*").Add(rtid.Decoder())).Id(s.GoName).Block(
			jen.Id("b").Op(":=").Id("d").Dot(rtid.DecoderStrRaw).Call(),
			jen.Switch(jen.String().Parens(jen.Id("b"))).Block(cases...),
			jen.Return(jen.Id(s.GoName).Parens(jen.Id("b"))),
		),
		jen.Line(),
	}
}

// structDecode is the body of a struct's decodeJSON.
//
//	*t = T{}
//	start := d.Pos()
//	if !d.Object() { return }
//	var seen [1]uint64
//	for n := 0; d.Member(&n); {
//		switch string(d.Key()) {
//		case "a": if seen[0]&(1<<0) != 0 { d.Repeated(start) }; seen[0] |= 1 << 0; ...
//		default: d.Skip() // d.Unknown() for a closed object
//		}
//	}
//	if seen[0]&(1<<0) == 0 { d.Missing(start, "a") } // each required member
func (e *emitter) structDecode(s *model.Schema) []jen.Code {
	fields := e.plan.Type(s).Fields
	body := []jen.Code{jen.Op("*").Id("t").Op("=").Id(s.GoName).Values()}
	if len(fields) > 0 {
		body = append(body, jen.Id("start").Op(":=").Id("d").Dot(rtid.DecoderPos).Call())
	}
	body = append(body, jen.If(jen.Op("!").Id("d").Dot(rtid.DecoderObject).Call()).Block(jen.Return()))
	other := jen.Id("d").Dot(rtid.DecoderSkip).Call()
	if s.ForbidAdditional {
		other = jen.Id("d").Dot(rtid.DecoderUnknown).Call()
	}
	if x := e.plan.Type(s).Extra; x != "" {
		// k := d.KeyString(); if t.X == nil { t.X = map[string]any{} }; t.X[k] = d.AnyValue()
		other = jen.Block(
			jen.Id("k").Op(":=").Id("d").Dot(rtid.DecoderKeyString).Call(),
			jen.If(jen.Id("t").Dot(x).Op("==").Nil()).Block(jen.Id("t").Dot(x).Op("=").Map(jen.String()).Any().Values()),
			jen.Id("t").Dot(x).Index(jen.Id("k")).Op("=").Id("d").Dot(rtid.DecoderAnyValue).Call(),
		)
	}
	if len(fields) == 0 {
		return append(body, jen.For(jen.Id("n").Op(":=").Lit(0), jen.Id("d").Dot(rtid.DecoderMember).Call(jen.Op("&").Id("n")), jen.Empty()).Block(other))
	}
	words := (len(fields) + 63) / 64
	bit := func(i int) (jen.Code, jen.Code) {
		return jen.Id("seen").Index(jen.Lit(i / 64)), jen.Parens(jen.Lit(1).Op("<<").Lit(i % 64))
	}
	var cases, missing []jen.Code
	for i, f := range fields {
		w, b := bit(i)
		head := []jen.Code{
			jen.If(jen.Add(w).Op("&").Add(b).Op("!=").Lit(0)).Block(jen.Id("d").Dot(rtid.DecoderRepeated).Call(jen.Id("start"))),
			jen.Add(w).Op("|=").Add(b),
		}
		cases = append(cases, jen.Case(jen.Lit(f.Prop.Name)).Block(append(head, e.memberDecode(f)...)...))
		if f.Required {
			w, b := bit(i)
			missing = append(missing, jen.If(jen.Add(w).Op("&").Add(b).Op("==").Lit(0)).Block(
				jen.Id("d").Dot(rtid.DecoderMissing).Call(jen.Id("start"), jen.Lit(f.Prop.Name))))
		}
	}
	cases = append(cases, jen.Default().Block(other))
	body = append(body,
		jen.Var().Id("seen").Index(jen.Lit(words)).Uint64(),
		jen.For(jen.Id("n").Op(":=").Lit(0), jen.Id("d").Dot(rtid.DecoderMember).Call(jen.Op("&").Id("n")), jen.Empty()).Block(
			jen.Switch(jen.String().Parens(jen.Id("d").Dot(rtid.DecoderKey).Call())).Block(cases...),
		),
	)
	return append(body, missing...)
}

// nullCheck returns the condition that consumes a null member: d.Null()
// where the schema allows null, d.NotNull() (which records a violation)
// where it does not.
func nullCheck(nullable bool) jen.Code {
	if nullable {
		return jen.Id("d").Dot(rtid.DecoderNull).Call()
	}
	return jen.Id("d").Dot(rtid.DecoderNotNull).Call()
}

// memberDecode reads the value of field f, which may be null.
func (e *emitter) memberDecode(f *plan.Field) []jen.Code {
	fld := jen.Id("t").Dot(f.Name)
	s := f.Prop.Schema
	switch f.Presence {
	case plan.Nilable:
		if s.Kind == model.KindAny {
			return []jen.Code{fld.Clone().Op("=").Id("d").Dot(rtid.DecoderAnyValue).Call()}
		}
		dec := e.decodeInto(s, fld.Clone(), false, 0, false)
		return []jen.Code{jen.If(nullCheck(s.Nullable)).Block(fld.Clone().Op("=").Nil()).Else().Block(dec...)}
	case plan.Nullable:
		// t.F = rt.Nullable[T]{Set: true, Null: true} or {Value: v, Set: true}
		null := fld.Clone().Op("=").Add(f.Type.Code()).Values(jen.Dict{jen.Id(rtid.NullableSet): jen.True(), jen.Id(rtid.NullableNull): jen.True()})
		dec := append([]jen.Code{jen.Var().Id("v").Add(f.Elem.Code())}, e.decodeInto(s, jen.Id("v"), false, 0, false)...)
		dec = append(dec, fld.Clone().Op("=").Add(f.Type.Code()).Values(jen.Dict{jen.Id(rtid.NullableValue): jen.Id("v"), jen.Id(rtid.NullableSet): jen.True()}))
		return []jen.Code{jen.If(jen.Id("d").Dot(rtid.DecoderNull).Call()).Block(null).Else().Block(dec...)}
	case plan.Pointer:
		dec := e.decodeInto(s, fld.Clone(), true, 0, false)
		return []jen.Code{jen.If(nullCheck(s.Nullable)).Block(fld.Clone().Op("=").Nil()).Else().Block(dec...)}
	}
	dec := e.decodeInto(s, fld.Clone(), false, 0, false)
	return []jen.Code{jen.If(nullCheck(false)).Block(fld.Clone().Op("=").Add(e.zero(s))).Else().Block(dec...)}
}

// scalarRead returns the Decoder call reading a scalar of schema s,
// converted to s's Go type when it is a named one.
func (e *emitter) scalarRead(s *model.Schema, named bool) jen.Code {
	if named && e.stringEnum(s) {
		return jen.Id(matcherName(s)).Call(jen.Id("d"))
	}
	d := jen.Id("d")
	call := map[string]jen.Code{
		"string": d.Clone().Dot(rtid.DecoderStr).Call(), "bool": d.Clone().Dot(rtid.DecoderBoolean).Call(),
		"int32": d.Clone().Dot(rtid.DecoderInt32).Call(), "int64": d.Clone().Dot(rtid.DecoderInt64).Call(),
		"float64": d.Clone().Dot(rtid.DecoderFloat).Call(jen.Lit(64)),
	}[e.plan.Base(s)]
	if named {
		return jen.Id(s.GoName).Parens(call)
	}
	return call
}

// scalarPtrRead returns the Decoder call reading a scalar of schema s into
// a new pointer (from the decoder's shared blocks), converted to a pointer
// to s's named type when it has one.
func (e *emitter) scalarPtrRead(s *model.Schema) jen.Code {
	m := map[string]string{
		"string": rtid.DecoderStrPtr, "bool": rtid.DecoderBooleanPtr,
		"int32": rtid.DecoderInt32Ptr, "int64": rtid.DecoderInt64Ptr,
		"float64": rtid.DecoderFloat64Ptr,
	}[e.plan.Base(s)]
	call := jen.Id("d").Dot(m).Call()
	if named := e.plan.Type(s); named != nil {
		return jen.Parens(jen.Op("*").Id(named.Name)).Parens(call)
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
// into lhs (through a new pointer when ptr). inline decodes s itself even
// when it is a named type (inside its own decodeJSON).
func (e *emitter) decodeInto(s *model.Schema, lhs jen.Code, ptr bool, depth int, inline bool) []jen.Code {
	named := e.plan.Type(s) != nil && !inline
	switch {
	case named && !isScalar(s):
		if ptr {
			return []jen.Code{jen.Id("v").Op(":=").New(jen.Id(s.GoName)), jen.Id("v").Dot("decodeJSON").Call(jen.Id("d")), jen.Add(lhs).Op("=").Id("v")}
		}
		return []jen.Code{jen.Add(lhs).Dot("decodeJSON").Call(jen.Id("d"))}
	case isScalar(s):
		if ptr && e.stringEnum(s) {
			// ep := (*Mode)(d.NewString()); *ep = decodeMode(d); lhs = ep
			return []jen.Code{
				jen.Id("ep").Op(":=").Parens(jen.Op("*").Id(s.GoName)).Parens(jen.Id("d").Dot(rtid.DecoderNewString).Call()),
				jen.Op("*").Id("ep").Op("=").Id(matcherName(s)).Call(jen.Id("d")),
				jen.Add(lhs).Op("=").Id("ep"),
			}
		}
		if ptr {
			return []jen.Code{jen.Add(lhs).Op("=").Add(e.scalarPtrRead(s))}
		}
		return []jen.Code{jen.Add(lhs).Op("=").Add(e.scalarRead(s, e.plan.Type(s) != nil))}
	case s.Kind == model.KindArray:
		return e.arrayDecode(s, lhs, ptr, depth)
	case s.Kind == model.KindObject && s.AdditionalProperties != nil:
		return e.mapDecode(s, lhs, ptr, depth)
	}
	if ptr {
		return []jen.Code{jen.Id("v").Op(":=").Id("d").Dot(rtid.DecoderAnyValue).Call(), jen.Add(lhs).Op("=").Op("&").Id("v")}
	}
	return []jen.Code{jen.Add(lhs).Op("=").Id("d").Dot(rtid.DecoderAnyValue).Call()}
}

// itemDecode reads one array item or map value of schema el into a new
// variable named v and passes it to store.
func (e *emitter) itemDecode(el *model.Schema, v string, depth int, store func(jen.Code) jen.Code) []jen.Code {
	et := e.plan.ElemType(el)
	var out []jen.Code
	switch {
	case el.Kind == model.KindAny:
	case el.Nullable:
		out = append(out, jen.If(jen.Id("d").Dot(rtid.DecoderNull).Call()).Block(store(e.zeroItem(el)), jen.Continue()))
	default:
		out = append(out, jen.If(jen.Id("d").Dot(rtid.DecoderNotNull).Call()).Block(store(e.zeroItem(el)), jen.Continue()))
	}
	out = append(out, jen.Var().Id(v).Add(et.Code()))
	out = append(out, e.decodeInto(el, jen.Id(v), et.Kind == plan.GoPointer, depth+1, false)...)
	return append(out, store(jen.Id(v)))
}

// zeroItem is what a null item holds: nil for pointers, slices and maps,
// the zero value otherwise.
func (e *emitter) zeroItem(el *model.Schema) jen.Code {
	switch e.plan.ElemType(el).Kind {
	case plan.GoPointer, plan.GoSlice, plan.GoMap, plan.GoAny:
		return jen.Nil()
	}
	return e.zero(el)
}

// zero is the zero value of a value of schema s.
func (e *emitter) zero(s *model.Schema) jen.Code {
	switch t := e.plan.TypeOf(s); {
	case isStruct(s):
		return jen.Add(t.Code()).Values()
	case s.Kind == model.KindString:
		return jen.Lit("")
	case s.Kind == model.KindBoolean:
		return jen.False()
	case s.Kind == model.KindInteger || s.Kind == model.KindNumber:
		return jen.Lit(0)
	}
	return jen.Nil()
}

// arrayDecode reads an inline array.
//
//	if d.Array() {
//		s0 := make([]E, 0)
//		for n0 := 0; d.Elem(&n0); { ...null...; var e0 E; ...; s0 = append(s0, e0) }
//		lhs = s0 // or &s0
//	}
func (e *emitter) arrayDecode(s *model.Schema, lhs jen.Code, ptr bool, depth int) []jen.Code {
	sv, nv, ev := fmt.Sprintf("s%d", depth), fmt.Sprintf("n%d", depth), fmt.Sprintf("e%d", depth)
	loop := e.itemDecode(s.Items, ev, depth, func(x jen.Code) jen.Code { return jen.Id(sv).Op("=").Append(jen.Id(sv), x) })
	set := jen.Add(lhs).Op("=").Id(sv)
	if ptr {
		set = jen.Add(lhs).Op("=").Op("&").Id(sv)
	}
	return []jen.Code{jen.If(jen.Id("d").Dot(rtid.DecoderArray).Call()).Block(
		jen.Id(sv).Op(":=").Make(e.plan.TypeOf(s).Code(), jen.Lit(0)),
		jen.For(jen.Id(nv).Op(":=").Lit(0), jen.Id("d").Dot(rtid.DecoderElem).Call(jen.Op("&").Id(nv)), jen.Empty()).Block(loop...),
		set,
	)}
}

// mapDecode reads an inline map; a repeated key counts once, the last.
func (e *emitter) mapDecode(s *model.Schema, lhs jen.Code, ptr bool, depth int) []jen.Code {
	mv, nv, kv, ev, ov := fmt.Sprintf("m%d", depth), fmt.Sprintf("n%d", depth), fmt.Sprintf("k%d", depth), fmt.Sprintf("e%d", depth), fmt.Sprintf("o%d", depth)
	loop := append([]jen.Code{
		jen.Id(kv).Op(":=").Id("d").Dot(rtid.DecoderKeyString).Call(),
		jen.If(jen.List(jen.Id("_"), jen.Id("dup")).Op(":=").Id(mv).Index(jen.Id(kv)), jen.Id("dup")).Block(jen.Id("d").Dot(rtid.DecoderRepeated).Call(jen.Id(ov))),
	}, e.itemDecode(s.AdditionalProperties, ev, depth, func(x jen.Code) jen.Code { return jen.Id(mv).Index(jen.Id(kv)).Op("=").Add(x) })...)
	set := jen.Add(lhs).Op("=").Id(mv)
	if ptr {
		set = jen.Add(lhs).Op("=").Op("&").Id(mv)
	}
	return []jen.Code{jen.Id(ov).Op(":=").Id("d").Dot(rtid.DecoderPos).Call(), jen.If(jen.Id("d").Dot(rtid.DecoderObject).Call()).Block(
		jen.Id(mv).Op(":=").Make(e.plan.TypeOf(s).Code()),
		jen.For(jen.Id(nv).Op(":=").Lit(0), jen.Id("d").Dot(rtid.DecoderMember).Call(jen.Op("&").Id(nv)), jen.Empty()).Block(loop...),
		set,
	)}
}
