package types

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/hwcorder/ordergen/generator/emit/rtid"
	"github.com/hwcorder/ordergen/generator/model"
	"github.com/hwcorder/ordergen/generator/plan"
)

// paramsDecl declares op's parameter struct with Validate and a String
// that redacts secret parameters.
func (e *emitter) paramsDecl(op *model.Operation) []jen.Code {
	name := op.ParamsGoName
	var fields, checks, redact []jen.Code
	loc := ""
	for _, pf := range e.plan.Op(op).Fields {
		p := pf.Param
		typ := pf.Type.Code()
		tag := p.Name
		if !p.Required {
			tag += ",omitempty"
		}
		req := "Optional."
		if p.Required {
			req = "Required."
		}
		fields = append(fields,
			jen.Comment(docLines(pf.Name, p.Description)+fmt.Sprintf(" In: %s %q. %s", p.In, p.Name, req)+constraintNote(p.Schema)),
			jen.Id(pf.Name).Add(typ).Tag(map[string]string{"json": tag}))
		if p.In != loc {
			checks = append(checks, jen.Id("v").Dot(rtid.ViolationsIn).Op("=").Lit(p.In))
			loc = p.In
		}
		checks = append(checks, e.paramChecks(pf)...)
		if p.Secret {
			redact = append(redact, redactParam(pf))
		}
	}
	out := []jen.Code{
		jen.Comment(fmt.Sprintf("%s holds the path, query and header parameters of %s", name, op.GoName)),
		jen.Comment(fmt.Sprintf("(%s %s). Source: %s %s.", op.Method, op.Path, e.source, op.Pointer)),
		jen.Type().Id(name).Struct(fields...),
		jen.Line(),
		jen.Comment("Validate checks every parameter against the spec and returns a"),
		jen.Comment("*ValidationError whose violations name the parameters, or nil."),
		jen.Func().Params(jen.Id("t").Op("*").Id(name)).Id("Validate").Params().Error().Block(
			append(append([]jen.Code{jen.Var().Id("v").Add(rtid.Violations())}, checks...), jen.Return(jen.Id("v").Dot(rtid.ViolationsErr).Call()))...,
		),
		jen.Line(),
		jen.Comment("String returns the parameters as JSON, secrets replaced by \"******\"."),
		jen.Func().Params(jen.Id("t").Id(name)).Id("String").Params().String().Block(
			append(redact, jen.Return(rtid.JSONText().Call(jen.Id("t"))))...,
		),
		jen.Line(),
		jen.Comment("GoString is String for the %#v verb."),
		jen.Func().Params(jen.Id("t").Id(name)).Id("GoString").Params().String().Block(
			jen.Return(jen.Lit(name).Op("+").Id("t").Dot("String").Call()),
		),
		jen.Line(),
	}
	return out
}

// redactParam replaces a secret parameter in the copy t.
func redactParam(pf *plan.ParamField) jen.Code {
	p := pf.Param
	f := jen.Id("t").Dot(pf.Name)
	if !p.Required {
		return jen.If(f.Clone().Op("!=").Nil()).Block(
			jen.Id("r").Op(":=").Id(typeName(p.Schema)).Parens(rtid.Redacted()),
			f.Clone().Op("=").Op("&").Id("r"),
		)
	}
	return f.Op("=").Id(typeName(p.Schema)).Parens(rtid.Redacted())
}

// paramChecks validates one parameter, reporting under its name.
func (e *emitter) paramChecks(pf *plan.ParamField) []jen.Code {
	p := pf.Param
	rep := func(rule, msg string) jen.Code {
		return jen.Id("v").Dot(rtid.ViolationsAddParam).Call(jen.Lit(p.Name), jen.Lit(rule), jen.Lit(msg))
	}
	f := jen.Id("t").Dot(pf.Name)
	s := p.Schema
	if s.Kind == model.KindArray {
		checks := e.arrayParamChecks(s, f, rep)
		if p.Required {
			return []jen.Code{jen.If(f.Clone().Op("==").Nil()).Block(rep("required", "is required")).Else().Block(checks...)}
		}
		if len(checks) == 0 {
			return nil
		}
		// An absent optional array (nil) has nothing to check.
		return []jen.Code{jen.If(f.Clone().Op("!=").Nil()).Block(checks...)}
	}
	if !p.Required {
		inner := e.scalarChecks(s, jen.Parens(jen.Op("*").Add(f.Clone())), rep)
		if len(inner) == 0 {
			return nil
		}
		return []jen.Code{jen.If(f.Clone().Op("!=").Nil()).Block(inner...)}
	}
	inner := e.scalarChecks(s, f, rep)
	if s.Kind == model.KindString {
		// An empty required string parameter cannot be told from an absent one.
		return []jen.Code{jen.If(f.Clone().Op("==").Lit("")).Block(rep("required", "is required")).Else().Block(inner...)}
	}
	return inner
}

// arrayParamChecks checks an array parameter and each of its items.
func (e *emitter) arrayParamChecks(s *model.Schema, f jen.Code, rep reporter) []jen.Code {
	var out []jen.Code
	if s.MinItems > 0 {
		out = append(out, jen.If(jen.Len(f).Op("<").Lit(int(s.MinItems))).Block(rep("minItems", fmt.Sprintf("must have at least %d items", s.MinItems))))
	}
	if s.MaxItems != nil {
		out = append(out, jen.If(jen.Len(f).Op(">").Lit(int(*s.MaxItems))).Block(rep("maxItems", fmt.Sprintf("must have at most %d items", *s.MaxItems))))
	}
	if s.UniqueItems {
		out = append(out, jen.If(jen.Op("!").Add(uniqueCall(s, f))).Block(rep("uniqueItems", "items must be unique")))
	}
	if inner := e.scalarChecks(s.Items, jen.Id("x"), rep); len(inner) > 0 {
		out = append(out, jen.For(jen.List(jen.Id("_"), jen.Id("x")).Op(":=").Range().Add(f)).Block(inner...))
	}
	return out
}
