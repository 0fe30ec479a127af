package types

import (
	"fmt"
	"math"
	"regexp"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/hwcorder/ordergen/generator/emit/rtid"
	"github.com/hwcorder/ordergen/generator/model"
	"github.com/hwcorder/ordergen/generator/plan"
)

// formatPatterns are the string formats whose values are checked, with the
// expressions kin-openapi checks them with by default.
var formatPatterns = map[string]string{
	"byte":      `(^$|^[a-zA-Z0-9+/\-_]*=*$)`,
	"date":      `^[0-9]{4}-(0[1-9]|10|11|12)-(0[1-9]|[12][0-9]|3[01])$`,
	"date-time": `^[0-9]{4}-(0[1-9]|10|11|12)-(0[1-9]|[12][0-9]|3[01])T([0-1][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)[0-9]{2}:[0-9]{2})$`,
}

// reporter builds the statement that records a violation of rule.
type reporter func(rule, msg string) jen.Code

// bodyReporter reports at the path held in variable pv.
func bodyReporter(pv string) reporter {
	return func(rule, msg string) jen.Code {
		return jen.Id("v").Dot(rtid.ViolationsAdd).Call(jen.Op("&").Id(pv), jen.Lit(rule), jen.Lit(msg))
	}
}

// validateDecl declares Validate and validate for named schema s.
func (e *emitter) validateDecl(s *model.Schema) []jen.Code {
	recv := jen.Id("t").Id(s.GoName)
	if isStruct(s) {
		recv = jen.Id("t").Op("*").Id(s.GoName)
	}
	var body []jen.Code
	if isStruct(s) {
		body = e.structChecks(s)
	} else {
		body = e.checks(s, jen.Id("t"), "p", 0, true)
	}
	kind := "value"
	if isStruct(s) {
		kind = "object"
	}
	return []jen.Code{
		jen.Comment(fmt.Sprintf("Validate checks t against every constraint of %s %s and returns", e.source, s.Pointer)),
		jen.Comment(fmt.Sprintf("a *ValidationError listing each violation in the %s, or nil. It judges", kind)),
		jen.Comment("the values t holds, as they would be encoded: a nil required slice is missing."),
		jen.Func().Params(recv.Clone()).Id("Validate").Params().Error().Block(
			jen.Id("v").Op(":=").Add(rtid.Violations()).Values(jen.Dict{jen.Id(rtid.ViolationsIn): jen.Lit("body")}),
			jen.Id("p").Op(":=").Add(rtid.Root()).Call(),
			jen.Id("t").Dot("validate").Call(jen.Op("&").Id("v"), jen.Op("&").Id("p")),
			jen.Return(jen.Id("v").Dot(rtid.ViolationsErr).Call()),
		),
		jen.Line(),
		jen.Func().Params(recv).Id("validate").Params(jen.Id("v").Op("*").Add(rtid.Violations()), jen.Id("p").Op("*").Add(rtid.Path())).Block(body...),
		jen.Line(),
	}
}

// structChecks validates every member of struct schema s held in t.
func (e *emitter) structChecks(s *model.Schema) []jen.Code {
	var out []jen.Code
	for _, f := range e.plan.Type(s).Fields {
		if c := e.memberChecks(f); c != nil {
			out = append(out, c)
		}
	}
	if s.MinProperties > 0 || s.MaxProperties != nil {
		out = append(out, e.memberCount(s)...)
	}
	return out
}

// memberCount checks minProperties and maxProperties of struct s: it
// counts the members t would encode (a nil required pointer is a null
// member; a nil optional one is absent) and the undeclared ones it keeps.
//
//	n := 2 // members always encoded
//	if t.A != nil { n++ }
//	n += len(t.AdditionalProperties)
//	if n < min { ... }
func (e *emitter) memberCount(s *model.Schema) []jen.Code {
	t := e.plan.Type(s)
	fixed := 0
	var adds []jen.Code
	for _, f := range t.Fields {
		fld := jen.Id("t").Dot(f.Name)
		switch {
		case f.Required || f.Presence == plan.Value:
			fixed++
		case f.Presence == plan.Nullable:
			adds = append(adds, jen.If(fld.Dot(rtid.NullableSet)).Block(jen.Id("n").Op("++")))
		default:
			adds = append(adds, jen.If(fld.Op("!=").Nil()).Block(jen.Id("n").Op("++")))
		}
	}
	if t.Extra != "" {
		adds = append(adds, jen.Id("n").Op("+=").Len(jen.Id("t").Dot(t.Extra)))
	}
	out := append([]jen.Code{jen.Id("n").Op(":=").Lit(fixed)}, adds...)
	out = append(out, countChecks(s, jen.Id("n"), bodyReporterAt("p"))...)
	return []jen.Code{jen.Block(out...)}
}

// countChecks checks minProperties and maxProperties against count n.
func countChecks(s *model.Schema, n jen.Code, rep reporter) []jen.Code {
	var out []jen.Code
	if s.MinProperties > 0 {
		out = append(out, jen.If(jen.Add(n).Op("<").Lit(int(s.MinProperties))).Block(
			rep("minProperties", fmt.Sprintf("must have at least %d members", s.MinProperties))))
	}
	if s.MaxProperties != nil {
		out = append(out, jen.If(jen.Add(n).Op(">").Lit(int(*s.MaxProperties))).Block(
			rep("maxProperties", fmt.Sprintf("must have at most %d members", *s.MaxProperties))))
	}
	return out
}

// reporterFor reports at the path in variable pv: a value (rt.Path) for
// members and items, a pointer for "p", the validate method's parameter.
func reporterFor(pv string) reporter {
	if pv == "p" {
		return bodyReporterAt(pv)
	}
	return bodyReporter(pv)
}

// bodyReporterAt reports at the path pointer held in variable pv (a *rt.Path).
func bodyReporterAt(pv string) reporter {
	return func(rule, msg string) jen.Code {
		return jen.Id("v").Dot(rtid.ViolationsAdd).Call(jen.Id(pv), jen.Lit(rule), jen.Lit(msg))
	}
}

// memberChecks validates field f of t by what it holds.
//
//	{
//		c := p.Child("name")
//		checks of the value, when there is one
//	}
func (e *emitter) memberChecks(f *plan.Field) jen.Code {
	p := f.Prop
	field := jen.Id("t").Dot(f.Name)
	rep := bodyReporter("c")
	var checks []jen.Code
	switch f.Presence {
	case plan.Value:
		checks = e.checks(p.Schema, field, "c", 0, false)
	case plan.Pointer:
		if isStruct(p.Schema) {
			// Go calls the pointer method on the field itself.
			checks = []jen.Code{jen.If(field.Clone().Op("!=").Nil()).Block(
				field.Clone().Dot("validate").Call(jen.Id("v"), jen.Op("&").Id("c")))}
		} else if inner := e.checks(p.Schema, jen.Id("x"), "c", 0, false); len(inner) > 0 {
			checks = []jen.Code{jen.If(jen.Id("x").Op(":=").Add(field.Clone()), jen.Id("x").Op("!=").Nil()).Block(
				append([]jen.Code{jen.Id("x").Op(":=").Op("*").Id("x")}, inner...)...)}
		}
	case plan.Nullable:
		if inner := e.checks(p.Schema, jen.Id("x"), "c", 0, false); len(inner) > 0 {
			checks = []jen.Code{jen.If(jen.List(jen.Id("x"), jen.Id("ok")).Op(":=").Add(field.Clone()).Dot(rtid.NullableGet).Call(), jen.Id("ok")).Block(inner...)}
		}
	case plan.Nilable:
		if p.Schema.Kind == model.KindAny {
			break
		}
		inner := e.checks(p.Schema, field, "c", 0, false)
		if f.Required && !p.Schema.Nullable {
			checks = []jen.Code{jen.If(field.Clone().Op("==").Nil()).Block(rep("required", "is required")).Else().Block(inner...)}
		} else if len(inner) > 0 {
			checks = []jen.Code{jen.If(field.Clone().Op("!=").Nil()).Block(inner...)}
		}
	}
	checks = append(e.directionChecks(f, rep), checks...)
	if len(checks) == 0 {
		return nil
	}
	return jen.Block(append([]jen.Code{jen.Id("c").Op(":=").Id("p").Dot(rtid.PathChild).Call(jen.Lit(p.Name))}, checks...)...)
}

// directionChecks judges f as a request member, as Validate does: a
// readOnly member must not be sent (null aside), a required writeOnly one
// must be.
func (e *emitter) directionChecks(f *plan.Field, rep reporter) []jen.Code {
	fld := jen.Id("t").Dot(f.Name)
	present := fld.Clone().Op("!=").Nil()
	if f.Presence == plan.Nullable {
		present = fld.Clone().Dot(rtid.NullableSet).Op("&&").Op("!").Add(fld.Clone()).Dot(rtid.NullableNull)
	}
	var out []jen.Code
	if f.ReadOnly {
		out = append(out, jen.If(present.Clone()).Block(rep("readOnly", "is read-only: a request must not carry it")))
	}
	if f.WriteOnlyRequired {
		absent := fld.Clone().Op("==").Nil()
		if f.Presence == plan.Nullable {
			absent = jen.Op("!").Add(fld.Clone()).Dot(rtid.NullableSet)
		}
		out = append(out, jen.If(absent).Block(rep("required", "is required")))
	}
	return out
}

// checks validates value x of schema s at the path in variable pv. self is
// true inside s's own validate method, where a named type checks its
// constraints inline instead of calling itself.
func (e *emitter) checks(s *model.Schema, x jen.Code, pv string, depth int, self bool) []jen.Code {
	if s.GoName != "" && !self {
		return []jen.Code{jen.Add(x).Dot("validate").Call(jen.Id("v"), jen.Op("&").Id(pv))}
	}
	rep := reporterFor(pv)
	switch s.Kind {
	case model.KindArray:
		return e.arrayChecks(s, x, pv, depth, rep)
	case model.KindObject:
		return e.mapChecks(s, x, pv, depth)
	}
	return e.scalarChecks(s, x, rep)
}

// scalarChecks validates a string, number, integer or boolean.
func (e *emitter) scalarChecks(s *model.Schema, x jen.Code, rep reporter) []jen.Code {
	var out []jen.Code
	if len(s.Enum) > 0 && s.GoName != "" {
		out = append(out, jen.If(jen.Op("!").Parens(x).Dot("Valid").Call()).Block(rep("enum", "must be one of "+enumList(s))))
	}
	switch s.Kind {
	case model.KindString:
		out = append(out, e.stringChecks(s, x, rep)...)
	case model.KindInteger, model.KindNumber:
		out = append(out, numberChecks(s, x, rep)...)
	}
	return out
}

// stringChecks checks lengths (in code points), pattern and format.
func (e *emitter) stringChecks(s *model.Schema, x jen.Code, rep reporter) []jen.Code {
	var out []jen.Code
	str := jen.String().Parens(x)
	if s.MinLength > 0 || s.MaxLength != nil {
		n := jen.Qual("unicode/utf8", "RuneCountInString").Call(str.Clone())
		var inner []jen.Code
		if s.MinLength > 0 {
			inner = append(inner, jen.If(jen.Id("n").Op("<").Lit(int(s.MinLength))).Block(
				rep("minLength", fmt.Sprintf("length must be at least %d characters", s.MinLength))))
		}
		if s.MaxLength != nil {
			inner = append(inner, jen.If(jen.Id("n").Op(">").Lit(int(*s.MaxLength))).Block(
				rep("maxLength", fmt.Sprintf("length must be at most %d characters", *s.MaxLength))))
		}
		out = append(out, jen.Block(append([]jen.Code{jen.Id("n").Op(":=").Add(n)}, inner...)...))
	}
	if s.Pattern != "" {
		name := e.pattern(s.Pattern)
		out = append(out, jen.If(jen.Op("!").Id(name).Dot("MatchString").Call(str.Clone())).Block(
			rep("pattern", "must match the pattern "+s.Pattern)))
	}
	if expr, ok := formatPatterns[s.Format]; ok {
		name := e.pattern(expr)
		out = append(out, jen.If(jen.Op("!").Id(name).Dot("MatchString").Call(str.Clone())).Block(
			rep("format", "must be a valid "+s.Format)))
	}
	return out
}

// pattern returns the name of the package-level compiled expression for
// expr, declaring it on first use.
func (e *emitter) pattern(expr string) string {
	for i, p := range e.patterns {
		if p == expr {
			return "pattern" + strconv.Itoa(i)
		}
	}
	e.patterns = append(e.patterns, expr)
	return "pattern" + strconv.Itoa(len(e.patterns)-1)
}

// patternDecls declares the compiled expressions, read-only after init.
func (e *emitter) patternDecls() ([]jen.Code, error) {
	var out []jen.Code
	for i, p := range e.patterns {
		if _, err := regexp.Compile(p); err != nil {
			return nil, fmt.Errorf("pattern %q: %w", p, err)
		}
		out = append(out, jen.Var().Id("pattern"+strconv.Itoa(i)).Op("=").Qual("regexp", "MustCompile").Call(jen.Lit(p)))
	}
	return out, nil
}

// numberChecks checks minimum, maximum (plain or exclusive) and multipleOf.
func numberChecks(s *model.Schema, x jen.Code, rep reporter) []jen.Code {
	var out []jen.Code
	bound := func(v float64) (jen.Code, jen.Code) {
		if s.Kind == model.KindInteger && v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return x, jen.Lit(int(v))
		}
		return jen.Float64().Parens(x), jen.Lit(v)
	}
	if s.Min != nil {
		lhs, rhs := bound(*s.Min)
		if s.ExclusiveMin {
			out = append(out, jen.If(jen.Add(lhs).Op("<=").Add(rhs)).Block(rep("exclusiveMinimum", "must be greater than "+num(*s.Min))))
		} else {
			out = append(out, jen.If(jen.Add(lhs).Op("<").Add(rhs)).Block(rep("minimum", "must be at least "+num(*s.Min))))
		}
	}
	if s.Max != nil {
		lhs, rhs := bound(*s.Max)
		if s.ExclusiveMax {
			out = append(out, jen.If(jen.Add(lhs).Op(">=").Add(rhs)).Block(rep("exclusiveMaximum", "must be less than "+num(*s.Max))))
		} else {
			out = append(out, jen.If(jen.Add(lhs).Op(">").Add(rhs)).Block(rep("maximum", "must be at most "+num(*s.Max))))
		}
	}
	if s.MultipleOf != nil {
		out = append(out, jen.If(jen.Op("!").Add(rtid.IsMultipleOf()).Call(jen.Float64().Parens(x), jen.Lit(*s.MultipleOf))).Block(
			rep("multipleOf", "must be a multiple of "+num(*s.MultipleOf))))
	}
	return out
}

// arrayChecks checks item counts, uniqueness and every item.
func (e *emitter) arrayChecks(s *model.Schema, x jen.Code, pv string, depth int, rep reporter) []jen.Code {
	var out []jen.Code
	if s.MinItems > 0 {
		out = append(out, jen.If(jen.Len(x).Op("<").Lit(int(s.MinItems))).Block(rep("minItems", fmt.Sprintf("must have at least %d items", s.MinItems))))
	}
	if s.MaxItems != nil {
		out = append(out, jen.If(jen.Len(x).Op(">").Lit(int(*s.MaxItems))).Block(rep("maxItems", fmt.Sprintf("must have at most %d items", *s.MaxItems))))
	}
	if s.UniqueItems {
		out = append(out, jen.If(jen.Op("!").Add(uniqueCall(s, x))).Block(rep("uniqueItems", "items must be unique")))
	}
	i, ev := fmt.Sprintf("i%d", depth), fmt.Sprintf("e%d", depth)
	if e.plan.ElemType(s.Items).Kind == plan.GoPointer {
		// for i := range x { if n := x[i]; n != nil { e := p.Elem(i); checks of *n } }
		n := fmt.Sprintf("n%d", depth)
		inner := e.checks(s.Items, jen.Parens(jen.Op("*").Id(n)), ev, depth+1, false)
		if len(inner) > 0 {
			out = append(out, jen.For(jen.Id(i).Op(":=").Range().Add(x)).Block(
				jen.If(jen.Id(n).Op(":=").Add(x).Index(jen.Id(i)), jen.Id(n).Op("!=").Nil()).Block(
					append([]jen.Code{jen.Id(ev).Op(":=").Id(pv).Dot(rtid.PathElem).Call(jen.Id(i))}, inner...)...)))
		}
		return out
	}
	inner := e.checks(s.Items, jen.Add(x).Index(jen.Id(i)), ev, depth+1, false)
	if len(inner) > 0 && e.nullCollection(s.Items) {
		// A null item of a nullable array or map type is nil: nothing to check.
		inner = []jen.Code{jen.If(jen.Add(x).Index(jen.Id(i)).Op("!=").Nil()).Block(inner...)}
	}
	if len(inner) > 0 {
		out = append(out, jen.For(jen.Id(i).Op(":=").Range().Add(x)).Block(
			append([]jen.Code{jen.Id(ev).Op(":=").Id(pv).Dot(rtid.PathElem).Call(jen.Id(i))}, inner...)...))
	}
	return out
}

// mapChecks checks the values of a map, in key order so that violations
// come out in a stable order.
func (e *emitter) mapChecks(s *model.Schema, x jen.Code, pv string, depth int) []jen.Code {
	counts := countChecks(s, jen.Len(x), reporterFor(pv))
	if s.AdditionalProperties == nil {
		return counts
	}
	k, mv, ev := fmt.Sprintf("k%d", depth), fmt.Sprintf("m%d", depth), fmt.Sprintf("e%d", depth)
	val := jen.Id(mv)
	ptr := e.plan.ElemType(s.AdditionalProperties).Kind == plan.GoPointer
	if ptr {
		val = jen.Parens(jen.Op("*").Id(mv))
	}
	inner := e.checks(s.AdditionalProperties, val, ev, depth+1, false)
	if len(inner) == 0 {
		return counts
	}
	if ptr || e.nullCollection(s.AdditionalProperties) {
		inner = []jen.Code{jen.If(jen.Id(mv).Op("!=").Nil()).Block(inner...)}
	}
	// Ranging over the map allocates nothing; sorting what it found keeps
	// the violations in a stable order.
	//
	//	start := len(v.list)
	//	for k, m := range x { e := p.child(k); ... }
	//	v.sortFrom(start)
	start := fmt.Sprintf("start%d", depth)
	return append(counts,
		jen.Id(start).Op(":=").Id("v").Dot(rtid.ViolationsLen).Call(),
		jen.For(jen.List(jen.Id(k), jen.Id(mv)).Op(":=").Range().Add(x)).Block(
			append([]jen.Code{jen.Id(ev).Op(":=").Id(pv).Dot(rtid.PathChild).Call(jen.Id(k))}, inner...)...),
		jen.Id("v").Dot(rtid.ViolationsSortFrom).Call(jen.Id(start)),
	)
}

// nullCollection reports whether values of s are a slice or map that may
// be null, held as nil.
func (e *emitter) nullCollection(s *model.Schema) bool {
	k := e.plan.ElemType(s).Kind
	return s.Nullable && (k == plan.GoSlice || k == plan.GoMap)
}

// uniqueCall returns the call that checks uniqueItems for array x of
// schema s: scalars compare without allocating, other items by their JSON.
func uniqueCall(s *model.Schema, x jen.Code) jen.Code {
	if it := s.Items; it != nil {
		switch {
		case it.Kind == model.KindString, it.Kind == model.KindInteger, it.Kind == model.KindBoolean:
			if it.Nullable {
				return rtid.UniquePointees().Call(x)
			}
			return rtid.UniqueComparable().Call(x)
		case it.Kind == model.KindNumber && !it.Nullable:
			return rtid.UniqueNumbers().Call(x)
		}
	}
	return rtid.UniqueItems().Call(x)
}
